package dev.monobridge.bench.connect;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Kafka Connect for the benchmark's {@code connect} pipelines: one KRaft broker and one distributed
 * worker, in the benchmark's JVM (Kafka's own in-process harness, as the sink's integration tests use
 * it), started once for the whole run. Debezium's PostgreSQL source connector and the sink connectors
 * of each run are configured on it and deleted after the run.
 *
 * <p>Lifecycle: {@link #start}, then {@link #close()} once, after the last run.
 */
public final class BenchConnectCluster implements AutoCloseable {

    private static final String DIRECTORY_PROVIDER = "org.apache.kafka.common.config.provider.DirectoryConfigProvider";
    private static final String ENV_PROVIDER = "org.apache.kafka.common.config.provider.EnvVarConfigProvider";

    private final EmbeddedConnectCluster cluster;
    private final Path projectionsDirectory;

    private BenchConnectCluster(EmbeddedConnectCluster cluster, Path projectionsDirectory) {
        this.cluster = cluster;
        this.projectionsDirectory = projectionsDirectory;
    }

    /**
     * @param maxBatchSize the embedded capture's batch size: the sinks' consumers fetch as many records a
     *                     poll, so that both pipelines project batches of the same size
     */
    public static BenchConnectCluster start(Path projectionsDirectory, int maxBatchSize) {
        Map<String, String> worker = new HashMap<>();
        // Only plugins that declare themselves through service files: much faster than scanning the class path.
        worker.put("plugin.discovery", "service_load");
        // What connect-config's secrets need: it prints them as ${dir:...} and ${env:...} references.
        worker.put("config.providers", "dir,env");
        worker.put("config.providers.dir.class", DIRECTORY_PROVIDER);
        worker.put("config.providers.env.class", ENV_PROVIDER);
        // Debezium creates a table's topic with its first record: a sink's topics.regex finds it within a second.
        worker.put("consumer.metadata.max.age.ms", "1000");
        worker.put("consumer.max.poll.records", Integer.toString(maxBatchSize));
        // Source offsets and sink commits every second; neither is on the path a change takes to MongoDB.
        worker.put("offset.flush.interval.ms", "1000");
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder()
                .name("monobridge-bench")
                .numWorkers(1)
                .workerProps(worker)
                .build();
        cluster.start();
        return new BenchConnectCluster(cluster, projectionsDirectory);
    }

    /**
     * A run's pipeline: the connectors {@code connect-config} prints for each projection, with the run's
     * names, topics and MongoDB database, the sinks' traffic counted through a proxy, {@code tasks} tasks each.
     */
    public ConnectPipeline pipeline(String run, SourceConnection source, String mongoUri, List<ProjectionDefinition> projections,
                                    int tasks) {
        return new ConnectPipeline(cluster, run, source, mongoUri, projectionsDirectory, projections, tasks);
    }

    @Override
    public void close() {
        cluster.stop();
    }
}
