package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.sun.net.httpserver.HttpServer;

import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoProjectorFactory;
import dev.monobridge.projector.mongo.MongoSinkRegistry;

/**
 * {@code monobridge status} shows the projections that Kafka Connect sinks run: from what the sinks keep in
 * MongoDB, and with {@code --connect-url} from Connect's REST API.
 */
class StatusOfConnectSinksTest {

    private static final String DATABASE = "status_connect";
    private static final String SINK = "monobridge-racing-homepage";
    private static final Path PROJECTIONS = Path.of("../config/projections").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private InProcessMongo mongo;
    private MongoClient client;
    private Path bridgeYaml;
    private HttpServer connectRest;

    @BeforeEach
    void start() throws IOException {
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.connectionString());
        bridgeYaml = directory.resolve("bridge.yaml");
        Files.writeString(bridgeYaml, "source:\n  database: legacy\n  user: bridge\nmongo:\n  uri-env: MONOBRIDGE_STATUS_TEST_UNSET\n"
                + "  uri: " + mongo.connectionString() + "\n  database: " + DATABASE + "\nprojections:\n  directory: " + PROJECTIONS + "\n");
    }

    @AfterEach
    void stop() {
        if (connectRest != null) {
            connectRest.stop(0);
        }
        client.close();
        mongo.close();
    }

    private MongoDatabase database() {
        return client.getDatabase(DATABASE);
    }

    @Test
    void aSinkThatRunsAgainstTheDatabaseIsListedWithItsProjectionsProjectionTimeAndWhetherItCanRebuild() {
        List<ProjectionDefinition> racing = new ProjectionDefinitionReader().readDirectory(PROJECTIONS).stream()
                .filter(p -> p.name().equals("racing-homepage")).toList();
        // As the sink's task keeps its state: under the connector's name.
        Projector projector = MongoProjectorFactory.open(database(), racing, Duration.ofHours(1), new ProjectorStats(),
                Clock.systemUTC(), MongoProjectorFactory.CACHE_ROWS, SINK);
        projector.advanceTime();
        // MongoDB keeps milliseconds.
        Instant projectionTime = projector.asOf().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        new MongoSinkRegistry(database()).beat(new MongoSinkRegistry.Sink(SINK, List.of("racing-homepage"), false, Instant.now()));
        new MongoSinkRegistry(database()).beat(new MongoSinkRegistry.Sink("monobridge-event-page", List.of("event-page"), true,
                Instant.now().minusSeconds(600)));

        CommandRun.Result run = CommandRun.run("status", "--config", bridgeYaml.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("Kafka Connect sinks:");
        String racingLine = line(run.out(), SINK);
        assertThat(racingLine).contains("racing-homepage").contains(projectionTime.toString())
                .contains("refused: no source connection").doesNotContain("stopped?");
        assertThat(line(run.out(), "monobridge-event-page")).contains("event-page").contains("from the source").contains("stopped?");
        assertThat(run.hasStackTrace()).isFalse();
    }

    @Test
    void withAConnectUrlItShowsTheSinkAndSourceConnectorsAndTheirTasksWorkers() throws IOException {
        connectRest = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        connectRest.createContext("/connectors", exchange -> {
            byte[] body = CONNECTORS.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(exchange.getRequestURI().getQuery().contains("expand=status") ? 200 : 400, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        connectRest.start();

        CommandRun.Result run = CommandRun.run("status", "--config", bridgeYaml.toString(),
                "--connect-url", "http://127.0.0.1:" + connectRest.getAddress().getPort());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(line(run.out(), SINK)).contains("sink").contains("RUNNING").contains("task 0 RUNNING on worker-a:8083");
        assertThat(line(run.out(), "monobridge-source-monobridge")).contains("source").contains("task 0 FAILED on worker-b:8083")
                .contains("(org.postgresql.util.PSQLException: Connection refused)");
        assertThat(run.out()).doesNotContain("someone-elses-connector");
    }

    @Test
    void aConnectUrlThatDoesNotAnswerIsSaidInOneLine() throws IOException {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        CommandRun.Result run = CommandRun.run("status", "--config", bridgeYaml.toString(), "--connect-url", "http://127.0.0.1:" + closedPort);

        assertThat(run.exitCode()).isEqualTo(ErrorHandler.FAILURE);
        assertThat(run.err()).contains("cannot reach the Kafka Connect REST API at http://127.0.0.1:" + closedPort);
        assertThat(run.hasStackTrace()).isFalse();
    }

    private static String line(String output, String containing) {
        return output.lines().filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + containing + " in:\n" + output));
    }

    /** As a worker answers {@code GET /connectors?expand=status&expand=info}, trimmed. */
    private static final String CONNECTORS = """
            {
              "monobridge-racing-homepage": {
                "info": {"name": "monobridge-racing-homepage", "type": "sink",
                         "config": {"connector.class": "dev.monobridge.connect.MonobridgeSinkConnector", "tasks.max": "1"}},
                "status": {"name": "monobridge-racing-homepage", "type": "sink",
                           "connector": {"state": "RUNNING", "worker_id": "worker-a:8083"},
                           "tasks": [{"id": 0, "state": "RUNNING", "worker_id": "worker-a:8083"}]}
              },
              "monobridge-source-monobridge": {
                "info": {"name": "monobridge-source-monobridge", "type": "source",
                         "config": {"connector.class": "io.debezium.connector.postgresql.PostgresConnector"}},
                "status": {"name": "monobridge-source-monobridge", "type": "source",
                           "connector": {"state": "RUNNING", "worker_id": "worker-b:8083"},
                           "tasks": [{"id": 0, "state": "FAILED", "worker_id": "worker-b:8083",
                                      "trace": "org.postgresql.util.PSQLException: Connection refused\\n\\tat org.postgresql.Driver"}]}
              },
              "someone-elses-connector": {
                "info": {"name": "someone-elses-connector", "type": "sink",
                         "config": {"connector.class": "com.example.FileSink"}},
                "status": {"name": "someone-elses-connector", "type": "sink",
                           "connector": {"state": "RUNNING", "worker_id": "worker-a:8083"}, "tasks": []}
              }
            }
            """;
}
