package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.demo.InProcessMongo;

/** {@code monobridge serve}'s refusals: each one line, with no stack trace, before it listens. */
class ServeCommandTest {

    private static InProcessMongo mongo;

    @TempDir
    Path directory;

    @BeforeAll
    static void startMongo() {
        mongo = InProcessMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Test
    void serveOnAMongoDbWithNoStoredDefinitionsSaysWhichAreMissingAndExits() throws IOException {
        CommandRun.Result result = CommandRun.run("serve", "--config", config(8080).toString(), "--mongo-uri",
                mongo.connectionString(), "--port", Integer.toString(freePort()));

        assertThat(result.exitCode()).isEqualTo(ErrorHandler.FAILURE);
        assertThat(result.hasStackTrace()).as(result.all()).isFalse();
        assertThat(result.err()).contains("monobridge: MongoDB holds no stored definition of customer-bets, event-page, "
                + "racing-homepage yet", "(monobridge run)");
    }

    @Test
    void serveWithHttpTurnedOffAndNoPortIsRefused() throws IOException {
        CommandRun.Result result = CommandRun.run("serve", "--config", config(0).toString(), "--mongo-uri", mongo.connectionString());

        assertThat(result.exitCode()).isEqualTo(ErrorHandler.CONFIG_ERROR);
        assertThat(result.hasStackTrace()).as(result.all()).isFalse();
        assertThat(result.err()).contains("http.port is 0", "serve needs a port");
    }

    private Path config(int httpPort) throws IOException {
        Path file = directory.resolve("bridge.yaml");
        Files.writeString(file, """
                source:
                  host: 127.0.0.1
                  port: 1
                  database: legacy
                  user: monobridge
                  password-env: MONOBRIDGE_NO_SUCH_PASSWORD
                mongo:
                  uri: mongodb://127.0.0.1:1
                projections:
                  directory: %s
                http:
                  port: %d
                """.formatted(Path.of("../config/projections").toAbsolutePath().normalize(), httpPort));
        return file;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
