package dev.monobridge.projector.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.monobridge.projector.change.InfiniteTimes;
import dev.monobridge.projector.change.JsonColumns;
import dev.monobridge.projector.change.NonFiniteNumber;
import dev.monobridge.projector.change.Unconvertible;

/**
 * Reads a row over JDBC as the same plain Java values the change stream gives, so that a row read by a
 * snapshot and the same row seen in the stream are equal: timestamps as instants, dates as
 * {@code LocalDate}, decimals exact (NaN and infinities as {@link NonFiniteNumber}), PostgreSQL's
 * infinite timestamps and dates as {@link InfiniteTimes}, JSON as subdocuments, money as decimals,
 * uuids as text. A value that cannot be converted becomes {@link Unconvertible}, as in the stream.
 */
final class JdbcValues {

    /** money's fractional digits under the usual lc_monetary; the stream's text has as many. */
    private static final int MONEY_SCALE = 2;

    private JdbcValues() {
    }

    static Map<String, Object> row(ResultSet rs, Set<String> columns) throws SQLException {
        ResultSetMetaData metadata = rs.getMetaData();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= metadata.getColumnCount(); i++) {
            String name = metadata.getColumnName(i);
            if (columns.contains(name)) {
                String type = metadata.getColumnTypeName(i);
                try {
                    row.put(name, value(rs, i, type));
                } catch (RuntimeException e) {
                    row.put(name, new Unconvertible("cannot convert the " + type + " value '" + rs.getString(i) + "': " + e.getMessage()));
                }
            }
        }
        return row;
    }

    private static Object value(ResultSet rs, int column, String type) throws SQLException {
        Object value = rs.getObject(column);
        if (value == null) {
            return null;
        }
        switch (type) {
            case "timestamptz": {
                // PgJDBC gives OffsetDateTime.MAX and MIN for PostgreSQL's infinities.
                OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
                return time.equals(OffsetDateTime.MAX) ? InfiniteTimes.INFINITY
                        : time.equals(OffsetDateTime.MIN) ? InfiniteTimes.MINUS_INFINITY : time.toInstant();
            }
            case "timestamp": {
                // Without time zone: Debezium reads it as UTC wall-clock time, and so does this.
                LocalDateTime time = rs.getObject(column, LocalDateTime.class);
                return time.equals(LocalDateTime.MAX) ? InfiniteTimes.INFINITY
                        : time.equals(LocalDateTime.MIN) ? InfiniteTimes.MINUS_INFINITY : time.toInstant(ZoneOffset.UTC);
            }
            case "date": {
                LocalDate date = rs.getObject(column, LocalDate.class);
                return date.equals(LocalDate.MAX) ? InfiniteTimes.INFINITY_DATE
                        : date.equals(LocalDate.MIN) ? InfiniteTimes.MINUS_INFINITY_DATE : date;
            }
            case "numeric": {
                // PgJDBC gives a Double for NaN and the infinities, a BigDecimal (scale kept) otherwise.
                if (value instanceof Double d) {
                    return Double.isNaN(d) ? NonFiniteNumber.NAN : d > 0 ? NonFiniteNumber.INFINITY : NonFiniteNumber.MINUS_INFINITY;
                }
                return value;
            }
            case "money":
                // PgJDBC gives a Double; the stream gives the exact decimal with money's two places.
                return BigDecimal.valueOf((Double) value).setScale(MONEY_SCALE, RoundingMode.UNNECESSARY);
            case "json", "jsonb":
                return JsonColumns.parse(value.toString());
            default:
                break;
        }
        if (value instanceof Array array) {
            // Arrays.asList, not List.of: an array may hold nulls.
            return java.util.Arrays.asList((Object[]) array.getArray());
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        return value;
    }
}
