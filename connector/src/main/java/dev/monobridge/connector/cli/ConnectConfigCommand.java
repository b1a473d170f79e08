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
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.monobridge.capture.source.SourceAdapter;
import dev.monobridge.connector.capture.DebeziumProperties;
import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Prints the Kafka Connect connectors that run a projection (docs/connect-sink.md): Debezium's source
 * connector for every table the definitions read, and the Monobridge sink for this projection, each as
 * the {@code {"name", "config"}} that {@code POST /connectors} takes. Secrets are never printed: they
 * become Connect config-provider references to where {@code bridge.yaml} says they are.
 */
@Command(name = "connect-config", mixinStandardHelpOptions = true,
        description = "Print the Kafka Connect source and sink connector JSON for a projection (to POST to /connectors).")
final class ConnectConfigCommand implements Callable<Integer> {

    /** The sink's class, as the plugin archive (connect/) names it; this module does not depend on it. */
    static final String SINK_CLASS = "dev.monobridge.connect.MonobridgeSinkConnector";

    private static final String JSON_CONVERTER = "org.apache.kafka.connect.json.JsonConverter";

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

        Map<String, Object> connectors = new LinkedHashMap<>();
        connectors.put("source", connector("monobridge-source-" + bridge.source().slot(), source(bridge, definitions)));
        Map<String, String> sink = sink(bridge, definition);
        if (dlqReplicationFactor != null) {
            if (dlqReplicationFactor < 1) {
                throw new ParameterException(spec.commandLine(), "--dlq-replication-factor must be at least 1");
            }
            sink.put("errors.deadletterqueue.topic.replication.factor", Integer.toString(dlqReplicationFactor));
        }
        connectors.put("sink", connector("monobridge-" + definition.name(), sink));
        spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(connectors));

        spec.commandLine().getErr().println("monobridge: one task for " + definition.name() + ": the sink does not yet split a "
                + "projection between tasks (it refuses tasks.max > 1); run one sink connector per projection to spread them"
                + " across the workers.");
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

    /** Debezium's source connector for every table the definitions read, so that one slot serves every projection's sink. */
    private static Map<String, String> source(BridgeConfig bridge, List<ProjectionDefinition> definitions) {
        SourceAdapter source = BridgeOptionsFactory.source(bridge, definitions, passwordReference(bridge.source()));
        Map<String, String> config = strings(source.connectorProperties());
        config.remove("name");
        config.putAll(strings(DebeziumProperties.eventShape()));
        config.put("topic.prefix", DebeziumProperties.TOPIC_PREFIX);
        config.put("tasks.max", "1");
        json(config);
        return config;
    }

    private static Map<String, String> sink(BridgeConfig bridge, ProjectionDefinition definition) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SINK_CLASS);
        config.put("tasks.max", "1");
        List<String> tables = new ProjectionPlan(List.of(definition)).tables().stream().sorted().toList();
        config.put("topics.regex", DebeziumProperties.TOPIC_PREFIX + "\\.(" + tables.stream().map(t -> t.replace(".", "\\."))
                .collect(Collectors.joining("|")) + ")");
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
