package dev.monobridge.bench.workload;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain JDBC batches on one connection. Statements added in a transaction are batched per SQL text and
 * executed in the order each text was first used, which keeps parents ahead of their children as long
 * as a transaction adds parents first (or, for deletes, children first).
 */
public final class SourceWriter implements AutoCloseable {

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final List<PreparedStatement> pending = new ArrayList<>();

    public SourceWriter(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(false);
    }

    /** Adds one statement to the current transaction's batches. */
    public void add(String sql, Object... values) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.addBatch();
        if (!pending.contains(statement)) {
            pending.add(statement);
        }
    }

    /** Executes what is pending, in first-use order, without committing. */
    public void flush() throws SQLException {
        for (PreparedStatement statement : pending) {
            statement.executeBatch();
        }
        pending.clear();
    }

    public void commit() throws SQLException {
        flush();
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            statement.close();
        }
        connection.close();
    }
}
