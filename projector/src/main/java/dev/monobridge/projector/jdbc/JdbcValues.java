package dev.monobridge.projector.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.monobridge.projector.change.JsonColumns;

/**
 * Reads a row over JDBC as the same plain Java values the change stream gives, so that a row read by a
 * snapshot and the same row seen in the stream are equal: timestamps as instants, dates as
 * {@code LocalDate}, decimals exact, JSON as subdocuments.
 */
final class JdbcValues {

    private JdbcValues() {
    }

    static Map<String, Object> row(ResultSet rs, Set<String> columns) throws SQLException {
        ResultSetMetaData metadata = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            String name = metadata.getColumnName(i);
            if (columns.contains(name)) {
                row.put(name, value(rs, i, metadata.getColumnTypeName(i)));
            }
        }
        return row;
    }

    private static Object value(ResultSet rs, int column, String type) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        if ("timestamptz".equals(type)) {
            return rs.getObject(column, OffsetDateTime.class).toInstant();
        }
        if (value instanceof Timestamp timestamp) {
            // timestamp without time zone: Debezium reads it as UTC wall-clock time, and so does this.
            return timestamp.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC);
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if ("json".equals(type) || "jsonb".equals(type)) {
            return JsonColumns.parse(value.toString());
        }
        if (value instanceof Array array) {
            return List.of((Object[]) array.getArray());
        }
        return value;
    }
}
