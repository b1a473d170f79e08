package dev.monobridge.capture.source.mariadb;

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
 * Reads tables from MariaDB in one consistent snapshot, streaming: rows arrive in chunks through a
 * callback, with a fetch size, so that no table is ever held in memory whole.
 *
 * <p>Lifecycle: {@link #open()} runs {@code START TRANSACTION WITH CONSISTENT SNAPSHOT} and reads, in the
 * same transaction, the binlog position the snapshot corresponds to ({@code binlog_snapshot_file} and
 * {@code binlog_snapshot_position}, which InnoDB fixes with the snapshot); every read after it sees the
 * source as of that position; {@link #close()} ends it.
 */
final class MariaDbSnapshotReader implements SourceSnapshot {

    static final int FETCH_SIZE = 1000;
    /** Values per {@code IN (...)} list: one statement per this many, well below the 65,535 placeholders a statement may have. */
    static final int IN_LIST_SIZE = 1000;

    private final DataSource dataSource;
    private final Set<String> jsonColumns;
    private Connection connection;
    private SourcePosition position;

    /** @param jsonColumns {@code db.table.column} of the JSON columns, which JDBC reads as text */
    MariaDbSnapshotReader(DataSource dataSource, Set<String> jsonColumns) {
        this.dataSource = dataSource;
        this.jsonColumns = jsonColumns;
    }

    /**
     * The binlog's end when the snapshot was taken, at row 0: every change the snapshot sees lies before
     * it, every later one after it (as {@link MariaDbPositions} orders them).
     */
    @Override
    public SourcePosition position() {
        return position;
    }

    MariaDbSnapshotReader open() throws SQLException {
        connection = dataSource.getConnection();
        try {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                // DATETIME and TIMESTAMP read as UTC wall-clock time, as Debezium reads them.
                statement.execute("set time_zone = '+00:00'");
                statement.execute("set transaction isolation level repeatable read");
                statement.execute("start transaction with consistent snapshot, read only");
                String file = null;
                long offset = -1;
                try (ResultSet rs = statement.executeQuery("show status like 'binlog_snapshot_%'")) {
                    while (rs.next()) {
                        switch (rs.getString(1).toLowerCase(java.util.Locale.ROOT)) {
                            case "binlog_snapshot_file" -> file = rs.getString(2);
                            case "binlog_snapshot_position" -> offset = Long.parseLong(rs.getString(2));
                            default -> { }
                        }
                    }
                }
                if (file == null || file.isEmpty() || offset < 0) {
                    throw new SQLException("the server gave no binlog position for the snapshot: is the binlog on (log_bin)?");
                }
                position = new SourcePosition(MariaDbPositions.packed(file, offset), 0);
            }
        } catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
        return this;
    }

    /**
     * The binlog holds transactions in commit order: once the stream has applied a change at or beyond the
     * snapshot's position, every transaction the snapshot sees has been through it.
     */
    @Override
    public boolean streamHasPassed(SourcePosition applied) {
        return Long.compareUnsigned(applied.commit(), position.commit()) >= 0;
    }

    /** InnoDB's estimate of a table's rows, from its statistics; 0 when it has none. */
    @Override
    public long estimatedRows(String table) throws SQLException {
        int dot = table.indexOf('.');
        try (PreparedStatement statement = connection.prepareStatement(
                "select coalesce(table_rows, 0) from information_schema.tables where table_schema = ? and table_name = ?")) {
            statement.setString(1, table.substring(0, dot));
            statement.setString(2, table.substring(dot + 1));
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
        String select = "select " + String.join(", ", columns.stream().map(MariaDbSnapshotReader::quote).toList())
                + " from " + quoteTable(table);
        Chunks chunks = new Chunks(consumer, chunk, cancelled);
        if (column == null) {
            query(table, select, List.of(), chunks);
        } else {
            List<?> all = List.copyOf(values);
            for (int from = 0; from < all.size() && !cancelled.getAsBoolean(); from += IN_LIST_SIZE) {
                List<?> part = all.subList(from, Math.min(all.size(), from + IN_LIST_SIZE));
                query(table, select + " where " + quote(column) + " in (" + String.join(", ", part.stream().map(v -> "?").toList()) + ")",
                        part, chunks);
            }
        }
        chunks.flush();
    }

    private void query(String table, String sql, List<?> parameters, Chunks chunks) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setFetchSize(FETCH_SIZE);
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next() && !chunks.cancelled.getAsBoolean()) {
                    chunks.add(MariaDbJdbcValues.row(rs, table, jsonColumns));
                }
            }
        }
    }

    /** Rows handed on in chunks, across the statements of one read. */
    private static final class Chunks {
        private final RowsConsumer consumer;
        private final int size;
        private final BooleanSupplier cancelled;
        private List<Map<String, Object>> rows;

        Chunks(RowsConsumer consumer, int size, BooleanSupplier cancelled) {
            this.consumer = consumer;
            this.size = size;
            this.cancelled = cancelled;
            this.rows = new ArrayList<>(size);
        }

        void add(Map<String, Object> row) throws SQLException {
            rows.add(row);
            if (rows.size() == size) {
                consumer.accept(rows);
                rows = new ArrayList<>(size);
            }
        }

        void flush() throws SQLException {
            if (!rows.isEmpty() && !cancelled.getAsBoolean()) {
                consumer.accept(rows);
            }
            rows = new ArrayList<>(size);
        }
    }

    @Override
    public void close() throws SQLException {
        if (connection != null) {
            try {
                connection.rollback();
            } finally {
                connection.close();
                connection = null;
            }
        }
    }

    /** {@code db.table} as {@code `db`.`table`}. */
    static String quoteTable(String table) {
        int dot = table.indexOf('.');
        return dot < 0 ? quote(table) : quote(table.substring(0, dot)) + "." + quote(table.substring(dot + 1));
    }

    private static String quote(String identifier) {
        return '`' + identifier.replace("`", "``") + '`';
    }
}
