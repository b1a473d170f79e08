package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.demo.DemoPostgres;
import dev.monobridge.connector.demo.DemoSchema;

/**
 * Every command that connects says, when it cannot, one line that names what it tried and what to
 * check, and exits 3: a refused port, an unknown role or database on a real PostgreSQL, and a MongoDB
 * that is not there. One-shot commands answer within seconds.
 */
class CannotConnectIT {

    /** {@link OneShotMongo#SERVER_SELECTION_TIMEOUT} and the JVM's own start, with room for a busy machine. */
    private static final Duration ONE_SHOT_ANSWER = OneShotMongo.SERVER_SELECTION_TIMEOUT.plusSeconds(5);

    private static DemoPostgres postgres;
    private static int refusedPort;

    @TempDir
    Path directory;

    @BeforeAll
    static void startPostgres() throws SQLException, IOException {
        postgres = DemoPostgres.startFresh();
        DemoSchema.create(postgres.dataSource());
        refusedPort = freePort();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void validateWithTheSourcePortRefusedSaysSoInOneLine() throws IOException {
        CommandRun.Result result = CommandRun.run("validate", "--config", config("127.0.0.1", refusedPort, "postgres", "postgres",
                mongoUriOnRefusedPort()).toString());

        assertOneLine(result, "monobridge: cannot connect to PostgreSQL at 127.0.0.1:" + refusedPort
                + ", database postgres, user postgres: connection refused; check source.host and source.port");
    }

    @Test
    void validateWithAnUnknownRoleSaysSoInOneLine() throws IOException {
        CommandRun.Result result = CommandRun.run("validate", "--config", config(postgres.host(), postgres.port(), "postgres",
                "no_such_role", mongoUriOnRefusedPort()).toString());

        assertOneLine(result, "monobridge: cannot connect to PostgreSQL at " + postgres.host() + ":" + postgres.port()
                + ", database postgres, user no_such_role: role \"no_such_role\" does not exist; check source.user");
    }

    @Test
    void validateWithAnUnknownDatabaseSaysSoInOneLine() throws IOException {
        CommandRun.Result result = CommandRun.run("validate", "--config", config(postgres.host(), postgres.port(), "no_such_db",
                "postgres", mongoUriOnRefusedPort()).toString());

        assertOneLine(result, "monobridge: cannot connect to PostgreSQL at " + postgres.host() + ":" + postgres.port()
                + ", database no_such_db, user postgres: database \"no_such_db\" does not exist; check source.database");
    }

    @Test
    void validateChecksThatMongoDbAnswersOnceTheSourceIsFine() throws IOException {
        CommandRun.Result result = CommandRun.run("validate", "--config", config(postgres.host(), postgres.port(), "postgres",
                "postgres", mongoUriOnRefusedPort()).toString());

        assertOneLine(result, "monobridge: cannot reach MongoDB at 127.0.0.1:" + refusedPort + ", database monobridge: "
                + "no server answered in time (Connection refused); check the hosts in mongo.uri");
        assertThat(result.took()).isLessThan(ONE_SHOT_ANSWER);
    }

    @Test
    void runWithTheSourcePortRefusedSaysSoInOneLine() throws IOException {
        CommandRun.Result result = CommandRun.run("run", "--config", config("127.0.0.1", refusedPort, "postgres", "postgres",
                mongoUriOnRefusedPort()).toString());

        assertOneLine(result, "monobridge: cannot connect to PostgreSQL at 127.0.0.1:" + refusedPort);
    }

    @Test
    void statusWithMongoDbDownAnswersInOneLineWithinSeconds() throws IOException {
        CommandRun.Result result = CommandRun.run("status", "--config", mongoOnly().toString());

        assertOneLine(result, "monobridge: cannot reach MongoDB at 127.0.0.1:" + refusedPort + ", database monobridge: "
                + "no server answered in time (Connection refused); check the hosts in mongo.uri, and that MongoDB is running there");
        assertThat(result.out()).as("nothing is printed before the failure").isEmpty();
        assertThat(result.took()).isLessThan(ONE_SHOT_ANSWER);
    }

    @Test
    void deadLettersWithMongoDbDownAnswersInOneLineWithinSeconds() throws IOException {
        CommandRun.Result result = CommandRun.run("dead-letters", "list", "--config", mongoOnly().toString());

        assertOneLine(result, "monobridge: cannot reach MongoDB at 127.0.0.1:" + refusedPort);
        assertThat(result.took()).isLessThan(ONE_SHOT_ANSWER);
    }

    @Test
    void rebuildWithMongoDbDownAnswersInOneLineWithinSeconds() throws IOException {
        CommandRun.Result result = CommandRun.run("rebuild", "racing-homepage", "--config", mongoOnly().toString());

        assertOneLine(result, "monobridge: cannot reach MongoDB at 127.0.0.1:" + refusedPort);
        assertThat(result.took()).isLessThan(ONE_SHOT_ANSWER);
    }

    @Test
    void demoWithAMongoUriThatAnswersNotStopsBeforeStartingAnything() {
        CommandRun.Result result = CommandRun.run("demo", "--mongo-uri", mongoUriOnRefusedPort(), "--duration", "1",
                "--projections", Path.of("../config/projections").toAbsolutePath().normalize().toString());

        assertOneLine(result, "monobridge: cannot reach MongoDB at 127.0.0.1:" + refusedPort + ", database monobridge: "
                + "no server answered in time (Connection refused); check the hosts in --mongo-uri");
        assertThat(result.out()).doesNotContain("Starting an embedded PostgreSQL");
        assertThat(result.took()).isLessThan(ONE_SHOT_ANSWER);
    }

    private static void assertOneLine(CommandRun.Result result, String start) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ErrorHandler.CANNOT_CONNECT);
        assertThat(result.hasStackTrace()).as(result.all()).isFalse();
        // Progress logged at INFO before the failure (such as "no offsets file: capture starts with a
        // snapshot") is not part of the error; the error itself is one line, and nothing else is said.
        assertThat(result.errLines().stream().filter(line -> !INFO_LOG_LINE.matcher(line).lookingAt()))
                .as(result.all()).singleElement().asString().startsWith(start);
    }

    /** The simple logger's INFO lines: {@code 10:16:56.413 INFO OffsetsFile - ...}. */
    private static final Pattern INFO_LOG_LINE = Pattern.compile("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO ");

    private Path config(String host, int port, String database, String user, String mongoUri) throws IOException {
        Path password = directory.resolve("password");
        Files.writeString(password, postgres.password());
        Path file = directory.resolve("bridge.yaml");
        Files.writeString(file, """
                source:
                  host: %s
                  port: %d
                  database: %s
                  user: %s
                  password-file: %s
                mongo:
                  uri: %s
                projections:
                  directory: %s
                """.formatted(host, port, database, user, password, mongoUri,
                Path.of("../config/projections").toAbsolutePath().normalize()));
        return file;
    }

    private Path mongoOnly() throws IOException {
        return config("127.0.0.1", refusedPort, "postgres", "postgres", mongoUriOnRefusedPort());
    }

    private static String mongoUriOnRefusedPort() {
        return "mongodb://127.0.0.1:" + refusedPort;
    }

    /** A port nothing listens on: one the system just handed out and took back. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
