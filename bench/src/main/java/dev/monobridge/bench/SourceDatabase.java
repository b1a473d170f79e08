package dev.monobridge.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

import dev.monobridge.bench.connect.SourceConnection;
import dev.monobridge.capture.source.postgres.PostgresAdapter;
import dev.monobridge.capture.source.postgres.PostgresSource;
import dev.monobridge.connector.demo.DemoPostgres;

/**
 * A database of its own on the shared embedded PostgreSQL server, for one pipeline's run, with its own
 * replication slot. Closing it drops the slot (so that it holds no WAL) and the database.
 */
final class SourceDatabase implements AutoCloseable {

    private static final Duration SLOT_RELEASE = Duration.ofSeconds(30);
    /** Each database has its own publication of this name (publications belong to a database). */
    private static final String PUBLICATION = "monobridge";

    private final DemoPostgres server;
    private final String name;
    private final String slot;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    private SourceDatabase(DemoPostgres server, String name) {
        this.server = server;
        this.name = name;
        this.slot = name;
        dataSource.setServerNames(new String[] {server.host()});
        dataSource.setPortNumbers(new int[] {server.port()});
        dataSource.setDatabaseName(name);
        dataSource.setUser(server.user());
        dataSource.setPassword(server.password());
        // Multi-row inserts: the bulk load's seeding would otherwise take longer than its capture.
        dataSource.setReWriteBatchedInserts(true);
    }

    /** @param name lower-case letters, digits and '_' only: it becomes a database and a slot name */
    static SourceDatabase create(DemoPostgres server, String name) throws SQLException {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("not a plain identifier: " + name);
        }
        try (Connection admin = server.dataSource().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        }
        return new SourceDatabase(server, name);
    }

    DataSource dataSource() {
        return dataSource;
    }

    Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    PostgresAdapter source(List<String> tables, Duration pollInterval, int maxBatchSize) {
        return new PostgresAdapter(new PostgresSource(server.host(), server.port(), name, server.user(), server.password(), slot,
                PUBLICATION, "filtered", "initial", tables, pollInterval, maxBatchSize, PostgresSource.DEFAULT_HEARTBEAT));
    }

    /** The same database, slot and publication as {@link #source}, as the connect pipeline's bridge.yaml gives them. */
    SourceConnection connection(Duration pollInterval, int maxBatchSize) {
        return new SourceConnection(server.host(), server.port(), name, server.user(), server.password(), slot, PUBLICATION,
                pollInterval.toMillis(), maxBatchSize);
    }

    /** Drops the slot once the capture has let go of it, then the database. */
    @Override
    public void close() throws SQLException {
        try (Connection admin = server.dataSource().getConnection()) {
            long deadline = System.nanoTime() + SLOT_RELEASE.toNanos();
            while (slotIsActive(admin) && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            try (PreparedStatement drop = admin.prepareStatement(
                    "select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = ?")) {
                drop.setString(1, slot);
                drop.execute();
            }
            try (Statement statement = admin.createStatement()) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    private boolean slotIsActive(Connection admin) throws SQLException {
        try (PreparedStatement query = admin.prepareStatement("select active from pg_replication_slots where slot_name = ?")) {
            query.setString(1, slot);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
