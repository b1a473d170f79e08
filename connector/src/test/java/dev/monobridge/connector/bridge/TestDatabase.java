package dev.monobridge.connector.bridge;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.monobridge.capture.source.SourceAdapter;
import dev.monobridge.capture.source.mariadb.MariaDbAdapter;
import dev.monobridge.capture.source.mariadb.MariaDbSource;
import dev.monobridge.capture.source.postgres.PostgresAdapter;
import dev.monobridge.capture.source.postgres.PostgresSource;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.SqlDialect;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * One test's own source database, replication slot and publication (all named alike), on shared
 * servers, with the demo schema. Closing it drops the slot, which would otherwise hold WAL for as long
 * as the server runs.
 *
 * <p>On MariaDB the database is always {@value #MARIADB_DATABASE}, made afresh for each test and dropped
 * after it (the tests of one server run one after the other): definitions name tables
 * {@code database.table} there, so the projections in {@code config/projections}, written
 * {@code public.meeting}, serve both sources. Its name (for MongoDB and the engine) is still the test's own.
 */
public final class TestDatabase implements AutoCloseable {

    static final String MARIADB_DATABASE = "public";

    private static final AtomicInteger NUMBER = new AtomicInteger();
    /** Each MariaDB test's binlog client joins as a replica of its own id. */
    private static final int FIRST_MARIADB_SERVER_ID = 5400;

    private final TestSources sources;
    private final String name;
    private final HikariDataSource dataSource;
    private final int number;

    public TestDatabase(TestSources sources, String purpose) throws SQLException {
        this.sources = sources;
        this.number = NUMBER.incrementAndGet();
        this.name = purpose + number;
        if (sources.dialect() == SqlDialect.MARIADB) {
            execute(sources.dataSource(), "drop database if exists `" + MARIADB_DATABASE + "`", "create database `" + MARIADB_DATABASE + "`");
        } else {
            execute(sources.dataSource(), "create database " + name);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(sources.jdbcUrl(sqlDatabase()));
        config.setUsername(sources.user());
        config.setPassword(sources.password());
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
        DemoSchema.create(dataSource);
    }

    /** The database's name, which is also the slot's, the publication's and the MongoDB database's. */
    public String name() {
        return name;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public SqlDialect dialect() {
        return sources.dialect();
    }

    /** The database as SQL names it. */
    public String sqlDatabase() {
        return sources.dialect() == SqlDialect.MARIADB ? MARIADB_DATABASE : name;
    }

    /** The adapter to capture this database with; on MariaDB its schema history goes beside the offsets. */
    public SourceAdapter source(List<ProjectionDefinition> projections, Path offsetsFile) {
        if (sources.dialect() == SqlDialect.MARIADB) {
            List<String> tables = new ProjectionPlan(projections).tables().stream().sorted().toList();
            return new MariaDbAdapter(new MariaDbSource(sources.host(), sources.port(), MARIADB_DATABASE, sources.user(), sources.password(),
                    FIRST_MARIADB_SERVER_ID + number, "initial", tables, Duration.ofMillis(20), 1024, MariaDbSource.schemaHistoryBeside(offsetsFile),
                    MariaDbSource.DEFAULT_HEARTBEAT));
        }
        return source(projections);
    }

    public PostgresAdapter source(List<ProjectionDefinition> projections) {
        List<String> tables = new ProjectionPlan(projections).tables().stream().sorted().toList();
        return new PostgresAdapter(new PostgresSource(sources.host(), sources.port(), name, sources.user(), sources.password(), name, name,
                "filtered", "initial", tables, Duration.ofMillis(20), 1024, PostgresSource.DEFAULT_HEARTBEAT));
    }

    public void execute(String... statements) throws SQLException {
        execute(dataSource, statements);
    }

    public long queryLong(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        dataSource.close();
        if (sources.dialect() == SqlDialect.MARIADB) {
            execute(sources.dataSource(), "drop database if exists `" + MARIADB_DATABASE + "`");
        } else {
            dropSlot(sources.dataSource(), name);
        }
    }

    /**
     * Drops the slot, which would otherwise hold WAL for as long as the server runs. A stopped engine's
     * WAL sender can take a moment to let go of it, so this waits for that first.
     */
    public static void dropSlot(DataSource server, String slot) throws SQLException {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Connection connection = server.getConnection(); Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select count(*) from pg_replication_slots where active and slot_name = '" + slot + "'")) {
                rs.next();
                return rs.getLong(1) == 0;
            }
        });
        execute(server, "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '" + slot + "'");
    }

    public static void execute(DataSource dataSource, String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
