package dev.monobridge.capture.source.mariadb;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.monobridge.projector.change.JsonColumns;
import dev.monobridge.projector.change.Unconvertible;

/**
 * Reads a row over JDBC as the same plain Java values the change stream gives, so that a row read by a
 * snapshot and the same row seen in the stream are equal: DATETIME and TIMESTAMP as instants (UTC
 * wall-clock time, as Debezium reads them; the snapshot's session is in UTC), DATE as {@code LocalDate},
 * DECIMAL exact with its scale, BIGINT UNSIGNED as an exact decimal, JSON as a subdocument, TINYINT(1)
 * as a boolean (the driver's default), ENUM and SET as text. A value that cannot be converted becomes
 * {@link Unconvertible}, as in the stream.
 */
final class MariaDbJdbcValues {

    private MariaDbJdbcValues() {
    }

    /** @param jsonColumns {@code db.table.column} of the JSON columns, which the driver calls LONGTEXT */
    static Map<String, Object> row(ResultSet rs, String table, Set<String> jsonColumns) throws SQLException {
        ResultSetMetaData metadata = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            String name = metadata.getColumnLabel(i);
            String type = metadata.getColumnTypeName(i).toUpperCase(Locale.ROOT);
            try {
                row.put(name, value(rs, i, jsonColumns.contains(table + "." + name) ? "JSON" : type));
            } catch (SQLException | RuntimeException e) {
                row.put(name, new Unconvertible("cannot convert the " + type + " value '" + rs.getString(i) + "': " + e.getMessage()));
            }
        }
        return row;
    }

    private static Object value(ResultSet rs, int column, String type) throws SQLException {
        if (rs.getString(column) == null) {
            return null;
        }
        switch (type) {
            case "DATETIME", "TIMESTAMP":
                return rs.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
            case "DATE":
                return rs.getObject(column, LocalDate.class);
            case "JSON":
                return JsonColumns.parse(rs.getString(column));
            default:
                break;
        }
        Object value = rs.getObject(column);
        if (value instanceof BigInteger unsigned) {
            // BIGINT UNSIGNED: the stream's exact decimal ('precise'), never a wrapped long.
            return new BigDecimal(unsigned);
        }
        if (value instanceof java.sql.Date || value instanceof java.sql.Timestamp) {
            // A type the cases above do not name (YEAR, say): its text, not a time in the JVM's zone.
            return rs.getString(column);
        }
        return value;
    }
}
