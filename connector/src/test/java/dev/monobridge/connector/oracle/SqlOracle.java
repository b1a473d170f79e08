package dev.monobridge.connector.oracle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import dev.monobridge.projector.definition.FieldMapping;
import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.OrderBy;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * What a projection's documents should be, computed the simplest possible way: read the source's
 * current rows with plain SQL, nest them, sort them, cut them. It shares no code with the incremental
 * projector (only the definition it is given), so agreement between the two means something.
 */
public final class SqlOracle {

    private final DataSource dataSource;

    public SqlOracle(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Canonical documents by canonical {@code _id}. */
    public Map<Object, Map<String, Object>> documents(ProjectionDefinition projection) {
        try (Connection connection = dataSource.getConnection()) {
            // One snapshot for the whole computation, so that it sees a single state of the source.
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            NodeDefinition root = projection.root();
            Map<Object, Map<String, Object>> documents = new TreeMap<>(Comparator.comparing(String::valueOf));
            for (Map<String, Object> row : rows(connection, "select * from " + root.table(), null)) {
                documents.put(Canonical.ofJdbc(row.get(root.key())), level(connection, root, row));
            }
            connection.commit();
            return documents;
        } catch (SQLException e) {
            throw new IllegalStateException("oracle query failed: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> level(Connection connection, NodeDefinition node, Map<String, Object> row) throws SQLException {
        Map<String, Object> document = new TreeMap<>();
        for (FieldMapping field : node.fields()) {
            document.put(field.field(), Canonical.ofJdbc(row.get(field.column())));
        }
        for (NodeDefinition list : node.lists()) {
            List<Map<String, Object>> children = rows(connection,
                    "select * from " + list.table() + " where " + list.parentKey() + " = ?", row.get(node.key()));
            children.sort(order(list));
            List<Object> entries = new ArrayList<>();
            for (Map<String, Object> child : children.subList(0, Math.min(children.size(), list.maxItems().orElse(Integer.MAX_VALUE)))) {
                entries.add(level(connection, list, child));
            }
            document.put(list.field(), entries);
        }
        return document;
    }

    /** The definition's order: each sort key with nulls last in either direction, then the key ascending. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Comparator<Map<String, Object>> order(NodeDefinition node) {
        Comparator<Map<String, Object>> order = (a, b) -> 0;
        for (OrderBy by : node.orderBy()) {
            Comparator<Comparable> values = by.descending() ? Comparator.reverseOrder() : Comparator.naturalOrder();
            order = order.thenComparing(row -> (Comparable) row.get(by.column()), Comparator.nullsLast(values));
        }
        return order.thenComparing(row -> (Comparable) row.get(node.key()), Comparator.naturalOrder());
    }

    private static List<Map<String, Object>> rows(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData metadata = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= metadata.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        // Compare instants, not Timestamp objects, and compare them at the millisecond
                        // precision documents have.
                        if (value instanceof java.sql.Timestamp timestamp) {
                            value = timestamp.toInstant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                        }
                        row.put(metadata.getColumnName(i), value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }
}
