package dev.monobridge.connector.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.monobridge.capture.RootKeyRouting;
import dev.monobridge.capture.source.SourceAdapter;
import dev.monobridge.connector.capture.DebeziumProperties;
import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Prints the Kafka Connect connectors that run a projection (docs/connect-sink.md): Debezium's source
 * connector for every table the definitions read, and the Monobridge sink for this projection, each as
 * the {@code {"name", "config"}} that {@code POST /connectors} takes. Secrets are never printed: they
 * become Connect config-provider references to where {@code bridge.yaml} says they are.
 *
 * <p>A projection that can be split ({@link RootKeyRouting}) and shares no table with another projection
 * gets topics co-partitioned by its root key and a sink of one task per partition; every other one gets one
 * task, with the reason. The source is the same whichever projection is asked for: it routes the tables of
 * every projection that can be split, since one slot serves every sink.
 */
@Command(name = "connect-config", mixinStandardHelpOptions = true,
        description = "Print the Kafka Connect source and sink connector JSON for a projection (to POST to /connectors).")
final class ConnectConfigCommand implements Callable<Integer> {

    /** The sink's class, as the plugin archive (connect/) names it; this module does not depend on it. */
    static final String SINK_CLASS = "dev.monobridge.connect.MonobridgeSinkConnector";

    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

    /**
     * Partitions per routed topic, and so the most tasks a split projection can run: room for a few
     * workers. Chosen up front, because changing it moves every root to another partition (the sink then
     * starts with empty state, as after a rename).
     */
    static final int DEFAULT_PARTITIONS = 4;

    /** Kafka's assignor that gives partition i of every subscribed topic to the same consumer. */
    private static final String RANGE_ASSIGNOR = "org.apache.kafka.clients.consumer.RangeAssignor";

    @Option(names = "--partitions", defaultValue = "" + DEFAULT_PARTITIONS, paramLabel = "<n>",
            description = "Partitions per topic of a projection that can be split, and its sink's tasks (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Mixin
    private ConfigOption config;

    @Parameters(index = "0", paramLabel = "<projection>", description = "The projection's name, as its definition gives it.")
    private String projection;

    @Option(names = "--dlq-replication-factor", paramLabel = "<n>",
            description = "Replication factor of the sink's dead-letter topic, which Connect creates (Kafka's default is 3; "
                    + "a one-broker cluster such as docker/connect-compose.yml needs 1).")
    private Integer dlqReplicationFactor;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        BridgeConfig bridge = config.read();
        List<ProjectionDefinition> definitions = new ProjectionDefinitionReader().readDirectory(bridge.projectionsDirectory());
        ProjectionDefinition definition = definitions.stream().filter(d -> d.name().equals(projection)).findFirst()
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "no projection named '" + projection + "' in "
                        + bridge.projectionsDirectory() + "; there are: "
                        + definitions.stream().map(ProjectionDefinition::name).collect(Collectors.joining(", "))));

        if (partitions < 2) {
            throw new ParameterException(spec.commandLine(), "--partitions must be at least 2 (a split takes two partitions or more), not "
                    + partitions);
        }
        List<ProjectionDefinition> split = definitions.stream().filter(d -> splitProblem(d, definitions).isEmpty()).toList();
        RootKeyRouting routing = RootKeyRouting.of(List.of(definition));
        boolean splits = split.contains(definition);

        Map<String, Object> connectors = new LinkedHashMap<>();
        connectors.put("source", connector("monobridge-source-" + bridge.source().slot(), source(bridge, definitions, split)));
        Map<String, String> sink = sink(bridge, definition, splits);
        if (dlqReplicationFactor != null) {
            if (dlqReplicationFactor < 1) {
                throw new ParameterException(spec.commandLine(), "--dlq-replication-factor must be at least 1");
            }
            sink.put("errors.deadletterqueue.topic.replication.factor", Integer.toString(dlqReplicationFactor));
        }
        connectors.put("sink", connector("monobridge-" + definition.name(), sink));
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(connectors));

        if (splits) {
            spec.commandLine().getErr().println("monobridge: " + definition.name() + " is split into " + partitions + " tasks: its"
                    + " topics are co-partitioned by its root key (" + routing.columns() + ") with Debezium's PartitionRouting,"
                    + " and the sink's consumer uses the RangeAssignor so that a task gets partition i of every topic.");
            if (!routing.requirements().isEmpty()) {
                spec.commandLine().getErr().println("monobridge: deletes are routed by the row before them; run on the source"
                        + " database first: " + String.join(" ", routing.requirements()));
            }
        } else {
            spec.commandLine().getErr().println("monobridge: one task for " + definition.name() + ": "
                    + String.join("; ", splitProblem(definition, definitions)) + ". Run one sink connector per projection to"
                    + " spread them across the workers.");
        }
        spec.commandLine().getErr().println("monobridge: secrets are config-provider references (${env:...}, ${dir:...}):"
                + " the workers need config.providers=env,dir with org.apache.kafka.common.config.provider.EnvVarConfigProvider"
                + " and DirectoryConfigProvider.");
        return 0;
    }

    private static Map<String, Object> connector(String name, Map<String, String> config) {
        Map<String, Object> connector = new LinkedHashMap<>();
        connector.put("name", name);
        connector.put("config", new TreeMap<>(config));
        return connector;
    }

    /**
     * Why the projection gets one task: it cannot be split, or another projection reads one of its tables (a
     * topic has one partitioning, and the other's sink would need it). Empty when it can be split.
     */
    private static List<String> splitProblem(ProjectionDefinition definition, List<ProjectionDefinition> definitions) {
        RootKeyRouting routing = RootKeyRouting.of(List.of(definition));
        if (!routing.splittable()) {
            return routing.reasons();
        }
        List<String> tables = new ProjectionPlan(List.of(definition)).tables().stream().sorted().toList();
        List<String> problems = new java.util.ArrayList<>();
        for (ProjectionDefinition other : definitions) {
            if (other.name().equals(definition.name())) {
                continue;
            }
            Set<String> shared = new java.util.TreeSet<>(new ProjectionPlan(List.of(other)).tables());
            shared.retainAll(tables);
            if (!shared.isEmpty()) {
                problems.add(other.name() + " (" + other.file() + ") reads " + shared + " too, and a topic has one partitioning");
            }
        }
        return problems;
    }

    /**
     * Debezium's source connector for every table the definitions read, so that one slot serves every
     * projection's sink, with the tables of the projections that split routed by their root keys.
     */
    private Map<String, String> source(BridgeConfig bridge, List<ProjectionDefinition> definitions, List<ProjectionDefinition> split) {
        SourceAdapter source = BridgeOptionsFactory.source(bridge, definitions, passwordReference(bridge.source()));
        Map<String, String> config = strings(source.connectorProperties());
        config.remove("name");
        config.putAll(strings(DebeziumProperties.eventShape()));
        config.put("topic.prefix", DebeziumProperties.TOPIC_PREFIX);
        config.put("tasks.max", "1");
        // Topics the source creates have one partition, unless they are routed by root key.
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.replication.factor", "-1");
        if (!split.isEmpty()) {
            config.putAll(RootKeyRouting.of(split).sourceSettings(DebeziumProperties.TOPIC_PREFIX, partitions));
        }
        json(config);
        return config;
    }

    private Map<String, String> sink(BridgeConfig bridge, ProjectionDefinition definition, boolean splits) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SINK_CLASS);
        config.put("tasks.max", splits ? Integer.toString(partitions) : "1");
        if (splits) {
            // As the sink's topic.partitions setting names it (connect/.../SinkSettings); this module does not depend on it.
            config.put("topic.partitions", Integer.toString(partitions));
            // Kafka 4.3's default is [RangeAssignor, CooperativeStickyAssignor] on the classic protocol, but a
            // worker may change it for every sink: this sink needs partition i of every topic in one task.
            config.put("consumer.override.partition.assignment.strategy", RANGE_ASSIGNOR);
            config.put("consumer.override.group.protocol", "classic");
        }
        List<String> tables = new ProjectionPlan(List.of(definition)).tables().stream().sorted().toList();
        if (splits) {
            // A list, not a pattern: every task's consumer then subscribes to the same topics, even while one is
            // being created, and the RangeAssignor gives each task partition i of every topic.
            config.put("topics", tables.stream().map(t -> DebeziumProperties.TOPIC_PREFIX + "." + t).collect(Collectors.joining(",")));
        } else {
            config.put("topics.regex", DebeziumProperties.TOPIC_PREFIX + "\\.(" + tables.stream().map(t -> t.replace(".", "\\."))
                    .collect(Collectors.joining("|")) + ")");
        }
        config.put("mongodb.uri", mongoUriReference(bridge.mongo()));
        config.put("mongodb.database", bridge.mongo().database());
        // Inline, so that the workers need no copy of the definitions directory.
        config.put("projections.yaml", read(Path.of(definition.file())));
        config.put("projector.delete-marker-grace-seconds", Long.toString(bridge.deleteMarkerGrace().toSeconds()));
        // The sink's own way to the source, for rebuilds and repairs (monobridge rebuild); the changes come through Kafka.
        SourceAdapter source = BridgeOptionsFactory.source(bridge, List.of(definition), passwordReference(bridge.source()));
        config.put("source.jdbc.url", source.jdbcUrl());
        config.put("source.jdbc.user", source.user());
        config.put("source.jdbc.password", source.password());
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "monobridge-" + definition.name() + "-dlq");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        json(config);
        return config;
    }

    /** Where bridge.yaml says the password is, as a reference Connect resolves on the worker. */
    private static String passwordReference(BridgeConfig.Source source) {
        if (source.passwordFile() != null && !source.passwordFile().isBlank()) {
            Path file = Path.of(source.passwordFile()).toAbsolutePath();
            return "${dir:" + file.getParent() + ":" + file.getFileName() + "}";
        }
        return "${env:" + source.passwordEnv() + "}";
    }

    /**
     * As {@code run} chooses: the variable when it is set here, since it then overrides the file's URI
     * (which may hold credentials only the variable should carry); the file's URI otherwise.
     */
    private static String mongoUriReference(BridgeConfig.Mongo mongo) {
        String variable = mongo.uriEnv();
        return variable != null && new Secrets(System.getenv()).mongoUriFromEnvironment(variable) ? "${env:" + variable + "}" : mongo.uri();
    }

    private static void json(Map<String, String> config) {
        config.put("key.converter", JSON_CONVERTER);
        config.put("value.converter", JSON_CONVERTER);
        config.put("key.converter.schemas.enable", "true");
        config.put("value.converter.schemas.enable", "true");
    }

    private static Map<String, String> strings(Properties properties) {
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
