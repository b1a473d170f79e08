package dev.monobridge.capture.source.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.rebuild.SourceSnapshot;

/**
 * Reads tables from PostgreSQL in one consistent snapshot, streaming: rows arrive in chunks through a
 * callback, with a fetch size, so that no table is ever held in memory whole.
 *
 * <p>Lifecycle: {@link #open()} starts a repeatable-read transaction, which fixes the snapshot; every
 * read after it sees the source as of that moment; {@link #close()} ends it.
 */
final class PostgresSnapshotReader implements SourceSnapshot {

    static final int FETCH_SIZE = 1000;

    private final DataSource dataSource;
    private final SourcePosition position;
    private Connection connection;
    /** The server's WAL insert position when the snapshot was taken: every commit it sees lies before it. */
    private long snapshotLsn = Long.MAX_VALUE;

    /**
     * The snapshot's position comes from the last position applied, noted before the snapshot: its
     * commit, with the largest event. A change committed later names, as its transaction's order, a
     * commit at or after the last one applied (see {@link PostgresPositions}); so does any change still
     * to come from a transaction already applied in part, which is then re-applied on top of the
     * snapshot in source order, harmlessly.
     */
    PostgresSnapshotReader(DataSource dataSource, SourcePosition lastApplied) {
        this.dataSource = dataSource;
        this.position = new SourcePosition(lastApplied.commit(), Long.MAX_VALUE);
    }

    @Override
    public SourcePosition position() {
        return position;
    }

    PostgresSnapshotReader open() throws SQLException {
        connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try (Statement statement = connection.createStatement()) {
            // The snapshot is taken by the first statement of the transaction: this one.
            try (ResultSet rs = statement.executeQuery("select (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint")) {
                rs.next();
                snapshotLsn = rs.getLong(1);
            }
        }
        return this;
    }

    /**
     * The stream delivers transactions in commit order, so once it has applied a change written at or
     * after the snapshot's WAL position, every transaction the snapshot sees has been through it.
     */
    @Override
    public boolean streamHasPassed(SourcePosition applied) {
        return passed(applied, snapshotLsn);
    }

    static boolean passed(SourcePosition applied, long snapshotLsn) {
        return Math.max(applied.commit(), applied.event()) >= snapshotLsn;
    }

    /** PostgreSQL's estimate of a table's rows, from its statistics; 0 when it has none yet. */
    @Override
    public long estimatedRows(String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "select greatest(reltuples, 0)::bigint from pg_class where oid = ?::regclass")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    /**
     * Streams the table's rows, or only those whose {@code column} holds one of {@code values}, in
     * chunks of at most {@code chunk}. Stops early when {@code cancelled} says so.
     */
    @Override
    public void read(String table, Set<String> columns, String column, Collection<?> values, int chunk,
                     RowsConsumer consumer, BooleanSupplier cancelled) throws SQLException {
        String sql = "select " + String.join(", ", columns.stream().map(PostgresSnapshotReader::quote).toList())
                + " from " + table + (column == null ? "" : " where " + quote(column) + " = any (?)");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH_SIZE);
            if (column != null) {
                statement.setArray(1, connection.createArrayOf(arrayType(values), values.toArray()));
            }
            try (ResultSet rs = statement.executeQuery()) {
                List<Map<String, Object>> rows = new ArrayList<>(chunk);
                while (rs.next() && !cancelled.getAsBoolean()) {
                    rows.add(PostgresJdbcValues.row(rs, columns));
                    if (rows.size() == chunk) {
                        consumer.accept(rows);
                        rows = new ArrayList<>(chunk);
                    }
                }
                if (!rows.isEmpty() && !cancelled.getAsBoolean()) {
                    consumer.accept(rows);
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            try {
                connection.rollback();
            } finally {
                connection.close();
            }
        }
    }

    private static String arrayType(Collection<?> values) {
        Object first = values.isEmpty() ? null : values.iterator().next();
        return first instanceof Number ? "bigint" : "text";
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
