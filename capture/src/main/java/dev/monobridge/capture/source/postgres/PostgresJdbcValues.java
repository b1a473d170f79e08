package dev.monobridge.capture.source.postgres;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
final class PostgresJdbcValues {

    /** money's fractional digits under the usual lc_monetary; the stream's text has as many. */
    private static final int MONEY_SCALE = 2;

    private PostgresJdbcValues() {
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
            case "time":
                return microsOfDay(rs.getString(column));
            case "timetz":
                // As Debezium sends it: the time in UTC, ISO text, 11:14:15Z.
                return OffsetTime.parse(rs.getString(column), PG_TIMETZ).withOffsetSameInstant(ZoneOffset.UTC)
                        .format(DateTimeFormatter.ISO_OFFSET_TIME);
            case "interval":
                return isoInterval(rs.getString(column));
            case "bit", "varbit":
                return bits(rs.getString(column));
            default:
                break;
        }
        if (value instanceof Array array) {
            // Arrays.asList, not List.of: an array may hold nulls.
            return Arrays.asList((Object[]) array.getArray());
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        if (value.getClass().getName().startsWith("org.postgresql.")) {
            // inet, cidr, macaddr, xml and other driver objects: their text, as Debezium sends it.
            return rs.getString(column);
        }
        return value;
    }

    /** PostgreSQL's {@code timetz} text, 13:14:15.5+02 or +05:30. */
    private static final DateTimeFormatter PG_TIMETZ = new DateTimeFormatterBuilder()
            .appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .appendOffset("+HH:mm", "Z")
            .toFormatter();

    /** Microseconds since midnight, as Debezium sends a {@code time}; {@code 24:00:00} included. */
    private static long microsOfDay(String text) {
        String[] parts = text.split(":");
        BigDecimal seconds = new BigDecimal(parts[2]);
        return (Long.parseLong(parts[0]) * 3600 + Long.parseLong(parts[1]) * 60) * 1_000_000L
                + seconds.movePointRight(6).longValueExact();
    }

    /** PostgreSQL's default interval output: {@code 1 year 2 mons 3 days 04:05:06.789}, {@code -1 days}. */
    private static final Pattern PG_INTERVAL = Pattern.compile(
            "(?:(-?\\d+) years? ?)?(?:(-?\\d+) mons? ?)?(?:(-?\\d+) days? ?)?(?:(-?)(\\d+):(\\d+):(\\d+(?:\\.\\d+)?))?");

    /**
     * ISO 8601, as Debezium's {@code interval.handling.mode=string} sends it: P1Y2M3DT4H5M6.789S. Read
     * from PostgreSQL's text (the default IntervalStyle) so that this adapter needs no driver classes.
     */
    private static String isoInterval(String text) {
        Matcher m = PG_INTERVAL.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an interval in PostgreSQL's default style");
        }
        String sign = m.group(4) == null ? "" : m.group(4);
        BigDecimal seconds = m.group(7) == null ? BigDecimal.ZERO : new BigDecimal(sign + m.group(7)).stripTrailingZeros();
        return "P" + number(m.group(1)) + "Y" + number(m.group(2)) + "M" + number(m.group(3)) + "DT"
                + (m.group(5) == null ? 0 : Long.parseLong(sign + m.group(5))) + "H"
                + (m.group(6) == null ? 0 : Long.parseLong(sign + m.group(6))) + "M"
                + (seconds.signum() == 0 ? "0" : seconds.toPlainString()) + "S";
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    /**
     * A bit string as Debezium sends it: {@code BitSet.toByteArray()} of the bits, bit 0 the last
     * character, so little-endian and without trailing zero bytes (B'000' is no bytes at all).
     */
    private static byte[] bits(String text) {
        BitSet bits = new BitSet(text.length());
        for (int i = 0; i < text.length(); i++) {
            bits.set(i, text.charAt(text.length() - 1 - i) == '1');
        }
        return bits.toByteArray();
    }
}
