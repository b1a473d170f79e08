package dev.monobridge.connector.oracle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import dev.monobridge.connector.demo.SqlDialect;
import dev.monobridge.projector.definition.AggregateDefinition;
import dev.monobridge.projector.definition.FieldMapping;
import dev.monobridge.projector.definition.LookupDefinition;
import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.OrderBy;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * What a projection's documents should be, computed the simplest possible way: read the source's
 * current rows with plain SQL, nest them, sort them, cut them. It shares no code with the incremental
 * projector (only the definition it is given), so agreement between the two means something.
 *
 * <p>Filters and drop-when predicates are handed to the database (PostgreSQL or MariaDB) as SQL, which
 * is what their language means; retention is a SQL comparison with the projection time the documents
 * were rendered at, in each database's own SQL.
 */
public final class SqlOracle {

    private final DataSource dataSource;

    public SqlOracle(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Canonical documents by canonical {@code _id}, as of the given projection time. */
    public Map<Object, Map<String, Object>> documents(ProjectionDefinition projection, Instant asOf) {
        try (Connection connection = dataSource.getConnection()) {
            // One snapshot for the whole computation, so that it sees a single state of the source.
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            SqlDialect dialect = SqlDialect.of(connection);
            NodeDefinition root = projection.root();
            Map<Object, Map<String, Object>> documents = new TreeMap<>(Comparator.comparing(String::valueOf));
            String sql = "select * from " + root.table() + " where true"
                    + root.filter().map(p -> " and coalesce((" + p.text() + "), false)").orElse("")
                    + notSoftDeleted(root)
                    + referencedRowsExist(root)
                    + notExpired(dialect, root);
            for (Map<String, Object> row : rows(connection, dialect, sql, null, asOf)) {
                documents.put(Canonical.ofJdbc(row.get(root.key())), level(connection, dialect, root, row, asOf));
            }
            connection.commit();
            return documents;
        } catch (SQLException e) {
            throw new IllegalStateException("oracle query failed: " + e.getMessage(), e);
        }
    }

    /** A row whose lookup says 'leave-out' is shown only while the row it references exists. */
    private static String referencedRowsExist(NodeDefinition node) {
        StringBuilder sql = new StringBuilder();
        for (LookupDefinition lookup : node.lookups()) {
            if (lookup.missing() == LookupDefinition.Missing.LEAVE_OUT) {
                sql.append(" and exists (select 1 from ").append(lookup.table()).append(" referenced where referenced.")
                        .append(lookup.key()).append(" = ").append(node.table()).append('.').append(lookup.via()).append(')');
            }
        }
        return sql.toString();
    }

    private static String notSoftDeleted(NodeDefinition node) {
        return node.softDelete().map(p -> " and not coalesce((" + p.text() + "), false)").orElse("");
    }

    /**
     * Documents hold instants at millisecond precision, so expiry is judged at that precision too (the
     * MariaDB schema's DATETIME(3) has no more).
     */
    private static String notExpired(SqlDialect dialect, NodeDefinition node) {
        if (dialect == SqlDialect.MARIADB) {
            return node.retention().map(r -> " and not coalesce(" + r.column() + " + interval " + r.keep().toSeconds()
                    + " second <= " + AS_OF + ", false)").orElse("");
        }
        return node.retention().map(r -> " and not coalesce(date_trunc('milliseconds', " + r.column() + ") + make_interval(secs => "
                + r.keep().toSeconds() + ") <= " + AS_OF + "::timestamptz, false)").orElse("");
    }

    /** The projection time's placeholder, which {@link #rows} fills in. */
    private static final String AS_OF = "/* as of */ ?";

    private Map<String, Object> level(Connection connection, SqlDialect dialect, NodeDefinition node, Map<String, Object> row, Instant asOf)
            throws SQLException {
        Map<String, Object> document = new TreeMap<>();
        for (FieldMapping field : node.fields()) {
            document.put(field.field(), Canonical.ofJdbc(row.get(field.column())));
        }
        for (LookupDefinition lookup : node.lookups()) {
            Object via = row.get(lookup.via());
            List<Map<String, Object>> referenced = via == null ? List.of()
                    : rows(connection, dialect, "select * from " + lookup.table() + " where " + lookup.key() + " = ?", via, null);
            Map<String, Object> shown = null;
            if (!referenced.isEmpty()) {
                shown = new TreeMap<>();
                for (FieldMapping field : lookup.fields()) {
                    shown.put(field.field(), Canonical.ofJdbc(referenced.get(0).get(field.column())));
                }
            }
            document.put(lookup.field(), shown);
        }
        for (AggregateDefinition aggregate : node.aggregates()) {
            String figure = aggregate.function() == AggregateDefinition.Function.COUNT ? "count(*)"
                    : aggregate.function().text() + "(" + aggregate.column() + ")";
            String sql = "select " + figure + " as figure from " + aggregate.table() + " where " + aggregate.parentKey() + " = ?"
                    + aggregate.filter().map(p -> " and coalesce((" + p.text() + "), false)").orElse("");
            document.put(aggregate.field(), Canonical.ofJdbc(rows(connection, dialect, sql, row.get(node.key()), null).get(0).get("figure")));
        }
        for (NodeDefinition list : node.lists()) {
            String sql = "select * from " + list.table() + " where " + list.parentKey() + " = ?"
                    + list.dropWhen().map(p -> " and not coalesce((" + p.text() + "), false)").orElse("")
                    + notSoftDeleted(list)
                    + referencedRowsExist(list)
                    + notExpired(dialect, list);
            List<Map<String, Object>> children = rows(connection, dialect, sql, row.get(node.key()), asOf);
            children.sort(order(list));
            List<Object> entries = new ArrayList<>();
            for (Map<String, Object> child : children.subList(0, Math.min(children.size(), list.maxItems().orElse(Integer.MAX_VALUE)))) {
                entries.add(level(connection, dialect, list, child, asOf));
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
            Comparator<Object> ascending = SqlOracle::compareValues;
            Comparator<Object> values = by.descending() ? ascending.reversed() : ascending;
            order = order.thenComparing(row -> row.get(by.column()), Comparator.nullsLast(values));
        }
        return order.thenComparing(row -> (Comparable) row.get(node.key()), Comparator.naturalOrder());
    }

    /**
     * PostgreSQL's order. PgJDBC reads a numeric NaN or infinity as a Double and other numerics as
     * BigDecimals, so numbers are compared by rank first: -Infinity, numbers, Infinity, NaN.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compareValues(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            int rank = Integer.compare(numericRank(x), numericRank(y));
            if (rank != 0 || numericRank(x) != 0) {
                return rank;
            }
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString()));
        }
        return ((Comparable) a).compareTo(b);
    }

    private static int numericRank(Number n) {
        double d = n.doubleValue();
        if (!(n instanceof Double || n instanceof Float)) {
            return 0;
        }
        return Double.isNaN(d) ? 2 : d == Double.POSITIVE_INFINITY ? 1 : d == Double.NEGATIVE_INFINITY ? -1 : 0;
    }

    /**
     * The documented faithful values of PostgreSQL's infinite times, written out here on purpose rather
     * than taken from the projector: timestamps become the largest and smallest JavaScript dates
     * (±8.64e15 ms), dates the texts PostgreSQL prints.
     */
    private static Object infinite(String type, String text) {
        boolean positive = "infinity".equals(text);
        if (type.equals("date")) {
            return text;
        }
        return Instant.ofEpochMilli(positive ? 8_640_000_000_000_000L : -8_640_000_000_000_000L);
    }

    private static List<Map<String, Object>> rows(Connection connection, SqlDialect dialect, String sql, Object parameter, Instant asOf)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            if (parameter != null) {
                statement.setObject(index++, parameter);
            }
            if (sql.contains(AS_OF)) {
                // MariaDB's DATETIME is UTC wall-clock time (the test server runs in UTC).
                statement.setObject(index, dialect == SqlDialect.MARIADB ? java.time.LocalDateTime.ofInstant(asOf, java.time.ZoneOffset.UTC)
                        : java.time.OffsetDateTime.ofInstant(asOf, java.time.ZoneOffset.UTC));
            }
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetMetaData metadata = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new HashMap<>();
                    for (int i = 1; i <= metadata.getColumnCount(); i++) {
                        Object value = rs.getObject(i);
                        String type = metadata.getColumnTypeName(i);
                        if ((type.equals("timestamp") || type.equals("timestamptz") || type.equals("date"))
                                && rs.getString(i) != null && rs.getString(i).endsWith("infinity")) {
                            value = infinite(type, rs.getString(i));
                        }
                        if (dialect == SqlDialect.MARIADB && (type.equals("DATETIME") || type.equals("TIMESTAMP")) && value != null) {
                            // UTC wall-clock time, as Debezium reads it; not a time in this JVM's zone.
                            value = rs.getObject(i, java.time.LocalDateTime.class).toInstant(java.time.ZoneOffset.UTC)
                                    .truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                        }
                        if ((type.equals("json") || type.equals("jsonb") || type.equals("JSON")) && value != null) {
                            value = Canonical.ofJson(rs.getString(i));
                        }
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
