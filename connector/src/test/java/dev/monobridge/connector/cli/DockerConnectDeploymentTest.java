package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/**
 * docker/connect-compose.yml and its connector files, checked without a Docker engine (none runs here): the
 * files are what {@code monobridge connect-config} prints, and the compose file's structure holds together.
 */
class DockerConnectDeploymentTest {

    private static final Path DOCKER = Path.of("../docker");
    private static final Path CONNECTORS = DOCKER.resolve("connect");
    private static final Path COMPOSE = DOCKER.resolve("connect-compose.yml");
    /** docker/connect/bridge.yaml's: set where the test runs, it would turn the sinks' URI into a reference. */
    private static final String MONGO_URI_VARIABLE = "MONOBRIDGE_CONNECT_MONGO_URI";
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)}");

    private final ObjectMapper json = new ObjectMapper();

    /** As the README says to regenerate them. */
    private JsonNode connectConfig(String projection) throws IOException {
        CommandRun.Result run = CommandRun.run("connect-config", "--config", CONNECTORS.resolve("bridge.yaml").toString(),
                "--dlq-replication-factor", "1", projection);
        assertThat(run.exitCode()).as(run.all()).isZero();
        return json.readTree(run.out());
    }

    @Test
    void theConnectorFilesAreWhatConnectConfigPrintsForEachDemoProjection() throws IOException {
        assumeTrue(System.getenv(MONGO_URI_VARIABLE) == null, MONGO_URI_VARIABLE + " is set here: connect-config would print a reference");
        List<ProjectionDefinition> projections = new ProjectionDefinitionReader().readDirectory(Path.of("../config/projections"));
        Set<String> expectedFiles = new TreeSet<>(Set.of("source.json"));
        for (ProjectionDefinition projection : projections) {
            JsonNode printed = connectConfig(projection.name());
            String sinkFile = "sink-" + projection.name() + ".json";
            expectedFiles.add(sinkFile);
            assertThat(json.readTree(CONNECTORS.resolve(sinkFile).toFile())).as(sinkFile + " (regenerate it: README, Scaling out)")
                    .isEqualTo(printed.path("sink"));
            assertThat(json.readTree(CONNECTORS.resolve("source.json").toFile())).as("source.json, against " + projection.name() + "'s")
                    .isEqualTo(printed.path("source"));
        }
        try (Stream<Path> files = Files.list(CONNECTORS)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).toList())
                    .as("no connector file without a projection").containsExactlyInAnyOrderElementsOf(expectedFiles);
        }
        JsonNode racing = json.readTree(CONNECTORS.resolve("sink-racing-homepage.json").toFile()).path("config");
        assertThat(racing.path("source.jdbc.url").asText()).as("the sink can rebuild").isEqualTo("jdbc:postgresql://postgres:5432/legacy");
        assertThat(racing.path("source.jdbc.password").asText()).isEqualTo("${env:MONOBRIDGE_SOURCE_PASSWORD}");
        assertThat(racing.path("errors.deadletterqueue.topic.replication.factor").asText()).as("one broker").isEqualTo("1");
    }

    @Test
    void whatASplitProjectionNeedsOfTheSourceTheComposeDatabaseDoesAtItsFirstStart() throws IOException {
        String initScripts = Files.readString(DOCKER.resolve("postgres/02-monobridge-role.sh"))
                + Files.readString(DOCKER.resolve("postgres/03-split-routing.sql"));
        assertThat(Files.readString(COMPOSE)).contains("./postgres/03-split-routing.sql:/docker-entrypoint-initdb.d/");
        List<ProjectionDefinition> projections = new ProjectionDefinitionReader().readDirectory(Path.of("../config/projections"));
        for (ProjectionDefinition projection : projections) {
            CommandRun.Result run = CommandRun.run("connect-config", "--config", CONNECTORS.resolve("bridge.yaml").toString(),
                    "--dlq-replication-factor", "1", projection.name());
            Matcher statements = Pattern.compile("alter table [^;]+;").matcher(run.err());
            while (statements.find()) {
                assertThat(initScripts).as(projection.name() + "'s routing needs it").contains(statements.group());
            }
        }
        assertThat(initScripts).contains("alter table public.bet replica identity full;");
    }

    @Test
    void theComposeFileRunsKafkaInKraftModeAWorkerWithDebeziumAndThePluginPostgresWithLogicalDecodingAndMongo() throws IOException {
        Map<String, Object> compose = yaml(COMPOSE);
        Map<String, Object> services = map(compose.get("services"));
        assertThat(services).containsKeys("postgres", "mongo", "kafka", "plugin", "connect", "connect-2", "register");

        Map<String, Object> kafka = map(services.get("kafka"));
        assertThat(String.valueOf(kafka.get("image"))).startsWith("apache/kafka:4.");
        Map<String, Object> kafkaEnvironment = map(kafka.get("environment"));
        assertThat(String.valueOf(kafkaEnvironment.get("KAFKA_PROCESS_ROLES"))).contains("broker").contains("controller");
        assertThat(kafkaEnvironment).containsKey("KAFKA_CONTROLLER_QUORUM_VOTERS").doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");

        assertThat(list(map(services.get("postgres")).get("command"))).contains("wal_level=logical");

        Map<String, Object> connect = map(services.get("connect"));
        assertThat(String.valueOf(connect.get("image"))).startsWith("quay.io/debezium/connect:3.");
        assertThat(list(connect.get("volumes"))).contains("monobridge-plugin:/kafka/connect/monobridge:ro");
        String unzip = String.join(" ", list(map(services.get("plugin")).get("command")));
        assertThat(unzip).contains("/archive/monobridge-connect-${MONOBRIDGE_VERSION:-" + projectVersion() + "}.zip")
                .contains("-d /plugin");
        assertThat(list(map(services.get("plugin")).get("volumes"))).contains("../connect/target:/archive:ro", "monobridge-plugin:/plugin");
        Map<String, Object> second = map(services.get("connect-2"));
        assertThat(map(second.get("environment"))).as("the second worker joins the same cluster")
                .containsEntry("GROUP_ID", map(connect.get("environment")).get("GROUP_ID"));
        assertThat(list(map(services.get("register")).get("volumes"))).contains("./connect:/connectors:ro");

        // Every secret the connector files reference comes from the workers' environment, through the env provider.
        Map<String, Object> workerEnvironment = map(connect.get("environment"));
        assertThat(String.valueOf(workerEnvironment.get("CONNECT_CONFIG_PROVIDERS"))).contains("env");
        assertThat(workerEnvironment).containsEntry("CONNECT_CONFIG_PROVIDERS_ENV_CLASS",
                "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        for (String variable : envReferences()) {
            assertThat(workerEnvironment).as("${env:%s} in docker/connect", variable).containsKey(variable);
        }
    }

    @Test
    void everyServiceVolumeAndPathTheComposeFileNamesExists() throws IOException {
        Map<String, Object> compose = yaml(COMPOSE);
        Map<String, Object> services = map(compose.get("services"));
        Set<String> volumes = map(compose.get("volumes")).keySet();
        for (Map.Entry<String, Object> service : services.entrySet()) {
            Map<String, Object> definition = map(service.getValue());
            String image = String.valueOf(definition.get("image"));
            assertThat(image).as(service.getKey() + "'s image, with a tag").matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+").doesNotEndWith(":latest");
            if (definition.get("depends_on") != null) {
                assertThat(services).as(service.getKey() + " depends on").containsKeys(map(definition.get("depends_on")).keySet().toArray(String[]::new));
            }
            for (String mount : definition.get("volumes") == null ? List.<String>of() : list(definition.get("volumes"))) {
                String from = mount.substring(0, mount.indexOf(':'));
                if (from.startsWith(".")) {
                    assertThat(from.equals("../connect/target") || Files.exists(DOCKER.resolve(from)))
                            .as(service.getKey() + " mounts " + from).isTrue();
                } else {
                    assertThat(volumes).as(service.getKey() + "'s volume").contains(from);
                }
            }
        }
    }

    private Set<String> envReferences() throws IOException {
        Set<String> variables = new TreeSet<>();
        try (Stream<Path> files = Files.list(CONNECTORS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                Matcher matcher = ENV_REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    variables.add(matcher.group(1));
                }
            }
        }
        assertThat(variables).as("references in the connector files").isNotEmpty();
        return variables;
    }

    private static String projectVersion() throws IOException {
        Matcher version = Pattern.compile("<artifactId>monobridge-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("../pom.xml")));
        assertThat(version.find()).isTrue();
        return version.group(1);
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        return map(new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<String> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        List<String> strings = new ArrayList<>();
        ((List<?>) value).forEach(item -> strings.add(String.valueOf(item)));
        return strings;
    }
}
