package dev.monobridge.connect;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

import dev.monobridge.capture.source.postgres.PostgresAdapter;

/**
 * Kafka's in-process Connect harness as the sink's tests use it: one KRaft broker and two distributed
 * workers, with Debezium's PostgreSQL source connector and the Monobridge sink on their class path.
 */
final class ConnectCluster implements AutoCloseable {

    static final int WORKERS = 2;

    private static final String JSON = "org.apache.kafka.connect.json.JsonConverter";

    private final EmbeddedConnectCluster cluster;

    ConnectCluster() {
        Map<String, String> worker = new HashMap<>();
        // Only the plugins that declare themselves through service files: much faster than scanning the class path.
        worker.put("plugin.discovery", "service_load");
        // A stopped worker's tasks wait this long for it to come back before they move (the default is 5 minutes).
        worker.put("scheduled.rebalance.max.delay.ms", "2000");
        // The source's offsets, and the sink's commits, every second.
        worker.put("offset.flush.interval.ms", "1000");
        // Debezium creates a table's topic when its first record comes: the sink's topics.regex finds it this soon.
        worker.put("consumer.metadata.max.age.ms", "1000");
        cluster = (EmbeddedConnectCluster) new EmbeddedConnectCluster.Builder()
                .name("monobridge-connect-it")
                .numWorkers(WORKERS)
                .workerProps(worker)
                .build();
        cluster.start();
    }

    EmbeddedConnectCluster harness() {
        return cluster;
    }

    /** Debezium's PostgreSQL source connector for the adapter's database and tables, writing topics {@code prefix.schema.table}. */
    void startSource(String name, PostgresAdapter source, String prefix) {
        startSource(name, source, prefix, Map.of());
    }

    /** As {@link #startSource(String, PostgresAdapter, String)}, with more settings (a partition routing, say). */
    void startSource(String name, PostgresAdapter source, String prefix, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>();
        source.connectorProperties().forEach((key, value) -> config.put((String) key, (String) value));
        config.remove("name");
        config.put("tasks.max", "1");
        config.put("topic.prefix", prefix);
        // As the embedded bridge asks for them (DebeziumProperties): decimals as exact text with their source
        // types, and no operation skipped, so that truncates arrive.
        config.put("decimal.handling.mode", "string");
        config.put("column.propagate.source.type", ".*");
        config.put("skipped.operations", "none");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        config.putAll(settings);
        json(config);
        cluster.configureConnector(name, config);
    }

    /** The Monobridge sink over the source's topics. */
    void startSink(String name, String prefix, Map<String, String> settings) {
        Map<String, String> config = sinkConfig(prefix, settings);
        cluster.configureConnector(name, config);
    }

    static Map<String, String> sinkConfig(String prefix, Map<String, String> settings) {
        Map<String, String> config = new HashMap<>(settings);
        // A test may run the sink through a wrapper that observes it (CountingSinkConnector).
        config.putIfAbsent("connector.class", MonobridgeSinkConnector.class.getName());
        config.putIfAbsent("tasks.max", "1");
        if (!config.containsKey("topics")) {
            config.putIfAbsent("topics.regex", prefix.replace(".", "\\.") + "\\..*");
        }
        json(config);
        return config;
    }

    private static void json(Map<String, String> config) {
        config.put("key.converter", JSON);
        config.put("value.converter", JSON);
        config.put("key.converter.schemas.enable", "true");
        config.put("value.converter.schemas.enable", "true");
    }

    void awaitRunning(String connector) throws InterruptedException {
        awaitRunning(connector, 1);
    }

    void awaitRunning(String connector, int tasks) throws InterruptedException {
        cluster.assertions().assertConnectorAndExactlyNumTasksAreRunning(connector, tasks, connector + " did not start " + tasks + " tasks");
    }

    /** The worker the connector's one task runs on. */
    WorkerHandle workerOf(String connector) {
        ConnectorStateInfo status = cluster.connectorStatus(connector);
        List<ConnectorStateInfo.TaskState> tasks = status.tasks();
        String workerId = tasks.get(0).workerId();
        return cluster.workers().stream()
                .filter(worker -> worker.url().getAuthority().equals(workerId) || workerId.contains(":" + worker.url().getPort()))
                .findFirst().orElseThrow(() -> new AssertionError("no worker " + workerId + " among " + cluster.workers()));
    }

    void delete(String connector) {
        cluster.deleteConnector(connector);
    }

    @Override
    public void close() {
        cluster.stop();
    }
}
