package dev.monobridge.connector.fault;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import dev.monobridge.connector.bridge.TestSources;
import dev.monobridge.connector.demo.DemoPostgres;
import dev.monobridge.connector.demo.InProcessMongo;

/**
 * Embedded PostgreSQL that a test can stop and start again on the same data directory and port, as a
 * database restarted by its operators looks to its clients, and the in-process MongoDB.
 */
final class RestartablePostgres implements TestSources {

    /** A fast shutdown with a replication client attached took 8 s here; twice that, with room. */
    private static final Duration SHUTDOWN = Duration.ofSeconds(60);

    private final Path dataDirectory;
    private final int port;
    private final InProcessMongo mongo = InProcessMongo.start();
    private DemoPostgres postgres;

    RestartablePostgres() {
        try {
            dataDirectory = Files.createTempDirectory("monobridge-restarted-pg-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = DemoPostgres.start(dataDirectory, true);
        port = postgres.port();
    }

    /**
     * Stops the server (a fast shutdown: clients are disconnected) and waits until it has exited. A logical
     * replication client can hold a fast shutdown up for several seconds, past zonky's own wait, so the
     * sign of the end is PostgreSQL's: it removes {@code postmaster.pid} as it exits.
     */
    void stop() {
        postgres.close();
        postgres = null;
        await("PostgreSQL has exited").atMost(SHUTDOWN).pollInterval(Duration.ofMillis(100))
                .until(() -> !Files.exists(dataDirectory.resolve("postmaster.pid")));
    }

    /** Starts it again, with its data and replication slots, on the same port. */
    void start() {
        postgres = DemoPostgres.start(dataDirectory, false, port);
    }

    @Override
    public String host() {
        return current().host();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String database() {
        return current().database();
    }

    @Override
    public String user() {
        return current().user();
    }

    @Override
    public String password() {
        return current().password();
    }

    @Override
    public DataSource dataSource() {
        return current().dataSource();
    }

    @Override
    public String mongoUri() {
        return mongo.connectionString();
    }

    private DemoPostgres current() {
        if (postgres == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return postgres;
    }

    @Override
    public void close() {
        mongo.close();
        if (postgres != null) {
            postgres.close();
        }
        try (Stream<Path> files = Files.walk(dataDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
