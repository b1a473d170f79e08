package dev.monobridge.bench.connect;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import dev.monobridge.bench.Feed;
import dev.monobridge.bench.measure.CommandMeter;
import dev.monobridge.bench.measure.MeasuringSink;
import dev.monobridge.bench.measure.WireMeter;
import dev.monobridge.bench.pipeline.Pipeline;
import dev.monobridge.projector.core.PipelinedSink;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * One run of the {@code connect} pipeline: Debezium's PostgreSQL source connector writing the run's
 * per-table topics, and one Monobridge sink connector per projection reading them, each configured as
 * {@code monobridge connect-config <projection>} prints it. Only what must differ per run is changed:
 * the connectors' names, the topic prefix, the MongoDB URI (through the {@link WireMeter}) and
 * database, the DLQ topic and its replication factor (one broker here), and {@code tasks.max}. The
 * sinks' class is the real connector wrapped by {@link MeasuredSinkConnector}, which reports each batch
 * MongoDB acknowledged.
 */
public final class ConnectPipeline implements Pipeline {

    private static final double MIB = 1024.0 * 1024.0;
    private static final String PRINTED_PREFIX = "monobridge";

    private final EmbeddedConnectCluster cluster;
    private final String run;
    private final WireMeter wire;
    private final List<String> collections;
    private final Map<String, String> source;
    private final Map<String, Map<String, String>> sinks = new LinkedHashMap<>();
    private final String refusal;
    /** Why some projections run with one task only in a run of more, or null. */
    private final String oneTaskOnly;
    private final long restingHeapAfterGc;

    ConnectPipeline(EmbeddedConnectCluster cluster, String run, SourceConnection connection, String mongoUri, Path projectionsDirectory,
                    List<ProjectionDefinition> projections, int tasks) {
        this.cluster = cluster;
        this.run = run;
        this.collections = projections.stream().map(ProjectionDefinition::collection).toList();
        this.wire = WireMeter.start(mongoUri);
        Map<String, String> printedSource = null;
        Map<String, List<String>> refusals = new LinkedHashMap<>();
        for (ProjectionDefinition projection : projections) {
            ConnectConfigs.Printed printed = ConnectConfigs.of(connection, wire.uri(), run, projectionsDirectory, projection.name());
            if (printedSource == null) {
                printedSource = printed.source();
            }
            String name = run + "-" + projection.name();
            Map<String, String> sink = sink(printed.sink(), name, tasks);
            Optional<String> problem = validate(sink);
            if (problem.isPresent() && tasks > 1) {
                // A projection the sink cannot split runs with one task beside those it can, and the notes say so.
                Map<String, String> oneTask = sink(printed.sink(), name, 1);
                if (validate(oneTask).isEmpty()) {
                    sink = oneTask;
                }
            }
            sinks.put(name, sink);
            problem.ifPresent(p -> refusals.computeIfAbsent(p, reason -> new ArrayList<>()).add(projection.name()));
        }
        this.source = source(printedSource);
        // One reason for several projections is said once, with the projections it concerns.
        List<String> reasons = new ArrayList<>();
        refusals.forEach((problem, names) -> reasons.add(String.join(", ", names) + ": " + problem));
        int refused = refusals.values().stream().mapToInt(List::size).sum();
        // Refused as a whole only when no projection takes the tasks: otherwise the row measures those that do.
        this.refusal = refused == projections.size() ? String.join("; ", reasons) : null;
        this.oneTaskOnly = refused > 0 && refused < projections.size() ? String.join("; ", reasons) : null;
        this.restingHeapAfterGc = restingHeap();
    }

    private Map<String, String> source(Map<String, String> printed) {
        Map<String, String> config = new LinkedHashMap<>(printed);
        config.put("topic.prefix", run);
        // A split projection's routing names its topics by pattern: the transforms' predicates and the group that
        // creates them with more partitions.
        config.replaceAll((key, value) -> key.matches("predicates\\..+\\.pattern|topic\\.creation\\..+\\.include")
                ? renamedPatterns(value) : value);
        // One broker: the topics Debezium creates cannot have more replicas than that.
        config.put("topic.creation.default.replication.factor", "1");
        config.putIfAbsent("topic.creation.default.partitions", "1");
        return config;
    }

    private Map<String, String> sink(Map<String, String> printed, String name, int tasks) {
        Map<String, String> config = new LinkedHashMap<>(printed);
        config.put("name", name);
        config.put("connector.class", MeasuredSinkConnector.class.getName());
        config.put("tasks.max", Integer.toString(tasks));
        // A sink over one partition per topic names its topics by a pattern; a split one lists them.
        if (config.containsKey("topics")) {
            config.put("topics", String.join(",", Arrays.stream(config.get("topics").split(","))
                    .map(topic -> renamed(topic, PRINTED_PREFIX + ".", run + ".")).toList()));
        } else {
            config.put("topics.regex", renamed(config.get("topics.regex"), PRINTED_PREFIX, run));
        }
        // connect-config prints a reference to the environment when MONOBRIDGE_MONGO_URI is set: the run's own, always.
        config.put("mongodb.uri", wire.uri());
        config.put("mongodb.database", run);
        config.put("errors.deadletterqueue.topic.name", name + "-dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        return config;
    }

    /** The run's topic names for a printed list of topic patterns, each {@code monobridge\.<schema>\.<table>}. */
    private String renamedPatterns(String patterns) {
        return String.join(",", Arrays.stream(patterns.split(","))
                .map(pattern -> renamed(pattern, PRINTED_PREFIX + "\\.", Pattern.quote(run) + "\\.")).toList());
    }

    private static String renamed(String printed, String printedPrefix, String runPrefix) {
        if (printed == null || !printed.startsWith(printedPrefix)) {
            throw new IllegalStateException("connect-config printed a topic name or pattern that does not start with the topic prefix '"
                    + printedPrefix + "': " + printed);
        }
        return runPrefix + printed.substring(printedPrefix.length());
    }

    /** Connect's own validation of the sink (the connector's checks included): the problems, if any, as one line. */
    private Optional<String> validate(Map<String, String> sink) {
        ConfigInfos infos = cluster.validateConnectorConfig(MeasuredSinkConnector.class.getSimpleName(), sink);
        if (infos.errorCount() == 0) {
            return Optional.empty();
        }
        List<String> problems = new ArrayList<>();
        infos.configs().forEach(info -> problems.addAll(info.configValue().errors()));
        return Optional.of(String.join(" ", problems));
    }

    /** Heap in use after a collection with the cluster up and no connector of this run: what the sink's share is measured against. */
    private static long restingHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Why the sink refuses this configuration (tasks.max above what it can split, say), or empty when it takes it. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** The connectors, to start once the run's measuring sink exists. */
    public Feed feed(MeasuringSink measuring) {
        return new ConnectFeed(cluster, run + "-source", source, sinks, measuring);
    }

    @Override
    public PipelinedSink sink() {
        return (changes, unreadable, acknowledgement) -> {
            throw new IllegalStateException("the connect pipeline's sink tasks report to the measuring sink themselves");
        };
    }

    @Override
    public CommandMeter.Totals totals() {
        return wire.totals();
    }

    @Override
    public List<String> collections() {
        return collections;
    }

    @Override
    public String notes() {
        String fellBack = oneTaskOnly == null ? "" : "with one task, as the sink refuses more for them: " + oneTaskOnly + "; ";
        return fellBack + String.format(Locale.ROOT, "heap after GC with the Connect cluster at rest (broker and worker, no connector of the run): %.0f MiB; "
                + "MongoDB traffic counted on the wire (a proxy), not by the driver's command listener; ", restingHeapAfterGc / MIB);
    }

    @Override
    public void close() {
        wire.close();
    }
}
