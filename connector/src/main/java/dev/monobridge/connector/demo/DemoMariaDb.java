package dev.monobridge.connector.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A real MariaDB server from Debian's packages ({@code mariadb-server-core}), started from the JVM on a
 * temporary data directory with a row-based binlog, so that Debezium's MariaDB connector can capture
 * from it: the MariaDB counterpart of {@link DemoPostgres}.
 *
 * <p>Lifecycle: {@link #startFresh} runs {@code mariadb-install-db} and {@code mariadbd}; {@link #close}
 * closes the pool, stops the server by its pid (SIGTERM, MariaDB's clean shutdown) and deletes the data
 * directory. While it runs, a {@link ServerPidFile} records it, so that one left behind by a killed JVM
 * is stopped by {@code .ci/stop-left-servers}; a clean JVM exit stops it through a shutdown hook.
 *
 * <p>The bridge's user ({@link #user()}) has every privilege, replication included. The database is
 * named {@value #DATABASE}: definitions name tables {@code database.table} on MariaDB, so the demo's
 * definitions in {@code config/projections}, written {@code public.meeting} for PostgreSQL, serve both.
 */
public final class DemoMariaDb implements AutoCloseable {

    /** The one command that installs the server, named in the error when it is missing. */
    public static final String INSTALL_COMMAND = "apt-get install --no-install-recommends mariadb-server-core mariadb-client-core";

    private static final Logger LOG = LoggerFactory.getLogger(DemoMariaDb.class);

    private static final String HOST = "127.0.0.1";
    static final String DATABASE = "public";
    private static final String USER = "monobridge";
    private static final String PASSWORD = "monobridge";
    /** The bridge's own server id is Debezium's; the source needs one of its own to write a binlog. */
    private static final AtomicInteger SERVER_ID = new AtomicInteger(1);
    /** Starting takes about 2 s here (and far longer on a loaded machine). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How often a starting server is asked whether it accepts connections yet. */
    private static final Duration START_POLL = Duration.ofMillis(50);
    /** Where Debian puts the binaries, searched after the PATH (root's PATH has /usr/sbin, others may not). */
    private static final List<Path> BINARY_FOLDERS = List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/usr/local/bin"));

    private final Process server;
    private final Path directory;
    private final int port;
    private final Optional<ServerPidFile> pidFile;
    private final Thread shutdownHook;
    private final Object poolLock = new Object();
    private HikariDataSource pool; // guarded by poolLock; created on first use
    private boolean closed; // guarded by poolLock

    private DemoMariaDb(Process server, Path directory, int port) {
        this.server = server;
        this.directory = directory;
        this.port = port;
        this.pidFile = ServerPidFile.record(server.pid(), directory.resolve("data"));
        this.shutdownHook = new Thread(this::stopServer, "demo-mariadb-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts a server on a new temporary data directory, which is deleted on {@link #close}.
     *
     * @throws IllegalStateException if MariaDB is not installed (the message names the install command), or
     *     if the server does not start (its error log is in the message)
     */
    public static DemoMariaDb startFresh() {
        Path installDb = binary("mariadb-install-db");
        Path mariadbd = binary("mariadbd");
        long started = System.nanoTime();
        Path directory;
        try {
            directory = Files.createTempDirectory("monobridge-mariadb");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for MariaDB", e);
        }
        Path data = directory.resolve("data");
        run(List.of(installDb.toString(), "--no-defaults", "--user=root", "--auth-root-authentication-method=normal",
                "--skip-test-db", "--datadir=" + data), directory.resolve("install.log"));
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(mariadbd.toString(), "--no-defaults", "--user=root",
                "--datadir=" + data, "--port=" + port, "--bind-address=" + HOST,
                "--socket=" + directory.resolve("mariadbd.sock"), "--pid-file=" + directory.resolve("mariadbd.pid"),
                "--log-error=" + directory.resolve("error.log"),
                // What Debezium's MariaDB connector needs: a row binlog with full row images, and a server id.
                "--log-bin=binlog", "--binlog-format=ROW", "--binlog-row-image=FULL", "--server-id=" + SERVER_ID.getAndIncrement(),
                // --no-defaults gives latin1; binary collation compares text as PostgreSQL and the projector do.
                "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin",
                // DATETIME holds wall-clock time; Debezium reads it as UTC, so the server's clock is UTC too.
                "--default-time-zone=+00:00", "--skip-name-resolve",
                // Losing the demo database in a power cut is acceptable; the flush on every commit is not.
                "--innodb-flush-log-at-trx-commit=0", "--sync-binlog=0", "--innodb-buffer-pool-size=64M"));
        Process server;
        try {
            server = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(directory.resolve("mariadbd.out").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + mariadbd, e);
        }
        DemoMariaDb demo = new DemoMariaDb(server, directory, port);
        try {
            demo.awaitAccepting();
            demo.createUserAndDatabase();
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        LOG.info("MariaDB started on port {} in {} ms", port, (System.nanoTime() - started) / 1_000_000);
        return demo;
    }

    /** The binary, on the PATH or where Debian installs it; a one-line error naming the install command if missing. */
    private static Path binary(String name) {
        Stream<Path> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(folder -> !folder.isEmpty()).map(Path::of);
        return Stream.concat(path, BINARY_FOLDERS.stream()).map(folder -> folder.resolve(name))
                .filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new IllegalStateException("MariaDB is not installed (no " + name + " found): " + INSTALL_COMMAND));
    }

    private static void run(List<String> command, Path log) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command.get(0) + " did not finish within " + START_TIMEOUT.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed (exit " + process.exitValue() + "): " + tail(log));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port for MariaDB", e);
        }
    }

    private void awaitAccepting() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("MariaDB stopped while starting (exit " + server.exitValue() + "): "
                        + tail(directory.resolve("error.log")));
            }
            try (Connection connection = root()) {
                return;
            } catch (SQLException e) {
                last = e;
            }
            try {
                Thread.sleep(START_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while MariaDB starts", e);
            }
        }
        throw new IllegalStateException("MariaDB did not accept connections on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s: " + (last == null ? "" : last.getMessage()));
    }

    private Connection root() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + port + "/", "root", "");
    }

    private void createUserAndDatabase() {
        try (Connection connection = root(); Statement statement = connection.createStatement()) {
            statement.execute("create user '" + USER + "'@'%' identified by '" + PASSWORD + "'");
            statement.execute("grant all privileges on *.* to '" + USER + "'@'%' with grant option");
            statement.execute("create database `" + DATABASE + "`");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the demo's user and database on MariaDB: " + e.getMessage(), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    public String host() {
        return HOST;
    }

    public int port() {
        return port;
    }

    /** The demo's database: {@value #DATABASE}, see the class comment. */
    public String database() {
        return DATABASE;
    }

    /** A user with every privilege, replication included. */
    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** A JDBC URL for {@link #database()}, without credentials. */
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    /** A JDBC URL for the given database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://" + HOST + ":" + port + "/" + database;
    }

    /**
     * A small connection pool to {@link #database()}, created on first call and closed by {@link #close}.
     *
     * @throws IllegalStateException after {@link #close}
     */
    public DataSource dataSource() {
        synchronized (poolLock) {
            if (closed) {
                throw new IllegalStateException("the demo MariaDB server is closed");
            }
            if (pool == null) {
                HikariConfig config = new HikariConfig();
                config.setPoolName("demo-mariadb");
                config.setJdbcUrl(jdbcUrl());
                config.setUsername(USER);
                config.setPassword(PASSWORD);
                config.setMaximumPoolSize(5);
                config.setMinimumIdle(0);
                pool = new HikariDataSource(config);
            }
            return pool;
        }
    }

    /** Closes the pool, stops the server and deletes its data. Calling it again does nothing. */
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
        stopServer();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook runs or has run: the server is stopped either way.
        }
        deleteDirectory();
    }

    /** By its pid: SIGTERM is MariaDB's clean shutdown; SIGKILL only if it does not stop in time. */
    private void stopServer() {
        if (server.isAlive()) {
            server.destroy();
            try {
                if (!server.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    LOG.warn("MariaDB (pid {}) did not stop within {} s: killing it", server.pid(), STOP_TIMEOUT.toSeconds());
                    server.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pidFile.ifPresent(ServerPidFile::remove);
    }

    private void deleteDirectory() {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warn("Could not delete MariaDB's data directory {}: {}", directory, e.toString());
        }
    }
}
