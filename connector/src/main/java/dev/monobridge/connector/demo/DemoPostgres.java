package dev.monobridge.connector.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server, started from the binaries in a Maven artifact and configured for logical
 * decoding, so that Debezium's PostgreSQL connector (with {@code pgoutput}) can capture from it.
 *
 * <p>Lifecycle: {@link #start} or {@link #startFresh} runs the server; {@link #close} closes the
 * connection pool and then stops the server. A server started with a fixed data directory and
 * {@code cleanDataDirectory = false} keeps its data and its replication slots across restarts, which
 * is what lets the demo resume capture where it stopped. The server is not stopped if the JVM is
 * killed with {@code kill -9}; a clean JVM exit stops it through a shutdown hook. While it runs, a
 * {@link ServerPidFile} records it, so that one left behind can be stopped by its pid ({@code .ci/run}).
 *
 * <p>Authentication is {@code trust} on the loopback interface, so {@link #password()} is accepted but
 * not checked. It exists so that callers configure a password exactly as they would in production.
 */
public final class DemoPostgres implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DemoPostgres.class);

    private static final String HOST = "localhost";
    private static final String DATABASE = "postgres";
    private static final String USER = "postgres";
    private static final String PASSWORD = "postgres";
    /** zonky's builder takes port 0 as "find a free one". */
    private static final int ANY_FREE_PORT = 0;

    private final EmbeddedPostgres server;
    private final Optional<ServerPidFile> pidFile;
    private final Object poolLock = new Object();
    private HikariDataSource pool; // guarded by poolLock; created on first use
    private boolean closed; // guarded by poolLock

    private DemoPostgres(EmbeddedPostgres server) {
        this.server = server;
        this.pidFile = dataDirectory(server).flatMap(ServerPidFile::record);
    }

    /**
     * Starts a server on a fixed data directory.
     *
     * @param dataDirectory where the cluster lives; created (with {@code initdb}) if it holds none yet
     * @param cleanDataDirectory {@code true} to delete an existing cluster there first and start empty.
     *     The directory is not deleted on {@link #close}, so a later start with {@code false} resumes.
     *     Only a directory that is empty or holds a PostgreSQL cluster is ever deleted.
     * @throws UncheckedIOException or IllegalStateException if the server cannot be started (initdb's and
     *     PostgreSQL's output is logged)
     * @throws IllegalArgumentException if asked to clean a directory that is not a PostgreSQL cluster
     * @throws IllegalStateException if a server, left behind by a killed JVM, still runs on the directory
     */
    public static DemoPostgres start(Path dataDirectory, boolean cleanDataDirectory) {
        return start(dataDirectory, cleanDataDirectory, ANY_FREE_PORT);
    }

    /**
     * As {@link #start(Path, boolean)}, on the given port: a server stopped and started again on the same
     * data directory and port is, to its clients, a restarted database.
     *
     * @param port the TCP port, or {@code 0} for any free one
     */
    public static DemoPostgres start(Path dataDirectory, boolean cleanDataDirectory, int port) {
        Path directory = dataDirectory.toAbsolutePath();
        refuseIfServerStillRuns(directory);
        if (cleanDataDirectory) {
            deleteCluster(directory);
        }
        // Always false for zonky: its "clean" both runs initdb over whatever is there (which fails on a
        // non-empty directory) and deletes the directory on close, and neither is wanted here.
        return start(logicalDecoding().setDataDirectory(directory).setCleanDataDirectory(false).setPort(port));
    }

    /**
     * Starts a server on a new temporary data directory, which is deleted on {@link #close}.
     *
     * @throws UncheckedIOException or IllegalStateException if the server cannot be started
     */
    public static DemoPostgres startFresh() {
        return start(logicalDecoding().setCleanDataDirectory(true));
    }

    private static EmbeddedPostgres.Builder logicalDecoding() {
        return EmbeddedPostgres.builder()
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "10")
                .setServerConfig("max_wal_senders", "10")
                // zonky defaults to off, which added about 120 ms between a commit and its capture.
                .setServerConfig("synchronous_commit", "on")
                // Losing the demo database in a power cut is acceptable; the fsync cost is not.
                .setServerConfig("fsync", "off")
                // The load generator rewrites the same few hundred rows thousands of times a minute; with
                // the default of a minute between autovacuum runs, their dead versions bloat the tables.
                .setServerConfig("autovacuum_naptime", "10s");
    }

    private static DemoPostgres start(EmbeddedPostgres.Builder builder) {
        long started = System.nanoTime();
        try {
            EmbeddedPostgres server = builder.start();
            LOG.info("PostgreSQL started on port {} in {} ms", server.getPort(),
                    (System.nanoTime() - started) / 1_000_000);
            return new DemoPostgres(server);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
        }
    }

    /**
     * The server outlives a JVM killed with {@code kill -9}, and keeps its data directory locked. Say so
     * plainly, rather than let pg_ctl fail with a lock-file message, or delete the files under it.
     */
    private static void refuseIfServerStillRuns(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try (Stream<String> lines = Files.lines(pidFile)) {
            long pid = Long.parseLong(lines.findFirst().orElse("").trim());
            // A pid reused by another program after a crash is not a server: check what it runs, if allowed to.
            boolean running = ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .map(process -> process.info().command().map(command -> command.contains("postgres")).orElse(true))
                    .orElse(false);
            if (running) {
                throw new IllegalStateException("PostgreSQL (pid " + pid + ") still runs on " + directory
                        + ", perhaps left by a JVM that was killed; stop it first (kill " + pid + ")");
            }
        } catch (IOException | NumberFormatException e) {
            // An unreadable or half-written pid file is PostgreSQL's to judge when it starts.
            LOG.debug("could not read {}", pidFile, e);
        }
    }

    /** Deletes a cluster so that initdb can run there, refusing anything that does not look like one. */
    private static void deleteCluster(Path directory) {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try {
            boolean empty;
            try (Stream<Path> entries = Files.list(directory)) {
                empty = entries.findAny().isEmpty();
            }
            if (empty) {
                return;
            }
            // A typo in a --data-dir option must not wipe someone's home directory.
            if (!Files.exists(directory.resolve("PG_VERSION"))) {
                throw new IllegalArgumentException("refusing to clean " + directory
                        + ": it is not empty and holds no PostgreSQL cluster (no PG_VERSION)");
            }
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not clean " + directory, e);
        }
    }

    /** The host name clients connect to: always {@code localhost}. */
    public String host() {
        return HOST;
    }

    /** The TCP port, chosen free at start; it may differ after a restart on the same data directory. */
    public int port() {
        return server.getPort();
    }

    /** The database the demo uses: {@code postgres}. */
    public String database() {
        return DATABASE;
    }

    /** The superuser: {@code postgres}. Logical replication needs a role with REPLICATION; it has it. */
    public String user() {
        return USER;
    }

    /** {@code postgres}; accepted but not checked, see the class comment. */
    public String password() {
        return PASSWORD;
    }

    /** A JDBC URL for {@link #database()}, without credentials. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port() + "/" + DATABASE;
    }

    /**
     * A small connection pool to {@link #database()}, created on first call and closed by
     * {@link #close}. Every call returns the same pool.
     *
     * @throws IllegalStateException after {@link #close}
     */
    public DataSource dataSource() {
        synchronized (poolLock) {
            if (closed) {
                throw new IllegalStateException("the demo PostgreSQL server is closed");
            }
            if (pool == null) {
                HikariConfig config = new HikariConfig();
                config.setPoolName("demo-postgres");
                config.setJdbcUrl(jdbcUrl());
                config.setUsername(USER);
                config.setPassword(PASSWORD);
                // The load generator holds one connection; the demo's readers and checks a few more.
                config.setMaximumPoolSize(5);
                config.setMinimumIdle(0);
                // Turns seeding's batched inserts into multi-row inserts: several times fewer round trips.
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
                pool = new HikariDataSource(config);
            }
            return pool;
        }
    }

    /**
     * Where the server keeps its data: zonky chooses it for {@link #startFresh()}, so the server is asked.
     * Empty (and logged) if it does not say; only the pid file, not the server, depends on it.
     */
    private static Optional<Path> dataDirectory(EmbeddedPostgres server) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select current_setting('data_directory')")) {
            rs.next();
            return Optional.of(Path.of(rs.getString(1)));
        } catch (SQLException e) {
            LOG.warn("The embedded PostgreSQL server did not say where its data is, so it is not recorded for clean-up: {}", e.getMessage());
            return Optional.empty();
        }
    }

    /** Closes the pool, then stops the server. Calling it again does nothing. */
    @Override
    public void close() {
        synchronized (poolLock) {
            if (closed) {
                return;
            }
            closed = true;
            if (pool != null) {
                pool.close();
            }
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL server", e);
        }
        pidFile.ifPresent(ServerPidFile::remove);
    }
}
