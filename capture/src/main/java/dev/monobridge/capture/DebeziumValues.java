package dev.monobridge.capture;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.connect.data.Field;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import dev.monobridge.projector.change.InfiniteTimes;
import dev.monobridge.projector.change.JsonColumns;
import dev.monobridge.projector.change.NonFiniteNumber;
import dev.monobridge.projector.change.Unavailable;
import dev.monobridge.projector.change.Unconvertible;

/**
 * Converts column values from Debezium's Connect representation to the projector's plain Java values,
 * guided by each field's semantic schema name and source column type: decimals stay exact (and
 * numeric NaN and infinities become {@link NonFiniteNumber}), every timestamp becomes an {@link Instant},
 * dates a {@link LocalDate}, PostgreSQL's infinite timestamps and dates the values of
 * {@link InfiniteTimes}, and the TOAST placeholder becomes {@link Unavailable}.
 *
 * <p>A value that cannot be converted becomes {@link Unconvertible} with the reason, for that column
 * alone: it matters only if a projection reads the column.
 */
final class DebeziumValues {

    /** Debezium's default {@code unavailable.value.placeholder}. */
    static final String UNAVAILABLE_PLACEHOLDER = "__debezium_unavailable_value";
    private static final byte[] UNAVAILABLE_BYTES = UNAVAILABLE_PLACEHOLDER.getBytes(StandardCharsets.UTF_8);

    /**
     * PgJDBC's stand-ins for {@code 'infinity'} and {@code '-infinity'} timestamps
     * ({@code PGStatement.DATE_POSITIVE_INFINITY} and {@code DATE_NEGATIVE_INFINITY}), which Debezium
     * 3.6.1 passes on unchanged as microseconds (checked by {@code TypeMappingIT}).
     */
    static final long TIMESTAMP_INFINITY = 9_223_372_036_825_200_000L;
    static final long TIMESTAMP_MINUS_INFINITY = -9_223_372_036_832_400_000L;

    /**
     * Debezium 3.6.1 sends infinite dates as day counts no real date has (overflows of PgJDBC's
     * stand-ins), and different ones in the snapshot and in the stream: checked by {@code TypeMappingIT}.
     */
    private static final Set<Long> DATE_INFINITY = Set.of(-622_191_234L, -2_147_472_692L);
    private static final Set<Long> DATE_MINUS_INFINITY = Set.of(-625_821_272L, -2_147_472_691L);

    /** PostgreSQL's first date, 4713-01-01 BC, as days since 1970 (with a margin for calendar differences). */
    private static final long FIRST_POSTGRES_EPOCH_DAY = -2_500_000L;

    /** The parameter {@code column.propagate.source.type} adds to each field's schema. */
    static final String SOURCE_TYPE = "__debezium.source.column.type";

    private DebeziumValues() {
    }

    static Map<String, Object> row(Struct struct) {
        if (struct == null) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            Object raw = struct.get(field);
            try {
                row.put(field.name(), value(field.schema(), raw));
            } catch (RuntimeException e) {
                // Contained to this column: it matters only if a projection reads it.
                row.put(field.name(), new Unconvertible("cannot convert the " + typeName(field.schema()) + " value "
                        + abbreviated(raw) + ": " + e.getMessage()));
            }
        }
        return row;
    }

    /** The column's source type when Debezium propagates it, else its Connect schema name or type. */
    static String typeName(Schema schema) {
        String source = schema.parameters() == null ? null : schema.parameters().get(SOURCE_TYPE);
        if (source != null) {
            return source.toLowerCase(java.util.Locale.ROOT);
        }
        return schema.name() != null ? schema.name() : schema.type().getName();
    }

    private static String abbreviated(Object value) {
        String text = String.valueOf(value);
        // A dead letter names the value; a huge one (a JSON document, say) is cut to what a person reads.
        return text.length() <= 80 ? "'" + text + "'" : "'" + text.substring(0, 80) + "...' (" + text.length() + " characters)";
    }

    static Object value(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        if (UNAVAILABLE_PLACEHOLDER.equals(value)
                || value instanceof byte[] bytes && Arrays.equals(bytes, UNAVAILABLE_BYTES)
                || value instanceof ByteBuffer buffer && buffer.equals(ByteBuffer.wrap(UNAVAILABLE_BYTES))) {
            return Unavailable.VALUE;
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case "io.debezium.time.Timestamp":
                    return infinite((Long) value, () -> Instant.ofEpochMilli((Long) value));
                case "io.debezium.time.MicroTimestamp":
                    return infinite((Long) value, () -> micros(checkedMicros((Long) value)));
                case "io.debezium.time.NanoTimestamp":
                    return infinite((Long) value, () -> Instant.ofEpochSecond(0, (Long) value));
                case "io.debezium.time.ZonedTimestamp":
                    return zoned((String) value);
                case "io.debezium.time.Date":
                    return date(((Number) value).longValue());
                case "org.apache.kafka.connect.data.Timestamp":
                    return ((Date) value).toInstant();
                case "org.apache.kafka.connect.data.Date":
                    return ((Date) value).toInstant().atOffset(ZoneOffset.UTC).toLocalDate();
                case "io.debezium.data.Json":
                    return JsonColumns.parse((String) value);
                case "io.debezium.data.VariableScaleDecimal":
                    Struct decimal = (Struct) value;
                    return new BigDecimal(new BigInteger(decimal.getBytes("value")), decimal.getInt32("scale"));
                default:
                    break;
            }
        }
        if (value instanceof String text && isDecimal(schema)) {
            return decimal(text);
        }
        if (value instanceof Struct struct) {
            return row(struct);
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(item -> items.add(value(schema.valueSchema(), item)));
            return items;
        }
        if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return bytes;
        }
        return value;
    }

    /** A {@code decimal.handling.mode=string} column: numeric, decimal or money, by its source type. */
    private static boolean isDecimal(Schema schema) {
        String source = schema.parameters() == null ? null : schema.parameters().get(SOURCE_TYPE);
        return source != null && switch (source.toUpperCase(java.util.Locale.ROOT)) {
            case "NUMERIC", "DECIMAL", "MONEY" -> true;
            default -> false;
        };
    }

    /**
     * A decimal as Debezium's string mode sends it: exact text, with its scale ({@code 2.50} stays
     * {@code 2.50}), or the names Debezium gives PostgreSQL's special values.
     */
    static Object decimal(String text) {
        return switch (text) {
            case "NAN", "NaN" -> NonFiniteNumber.NAN;
            case "POSITIVE_INFINITY", "Infinity" -> NonFiniteNumber.INFINITY;
            case "NEGATIVE_INFINITY", "-Infinity" -> NonFiniteNumber.MINUS_INFINITY;
            default -> new BigDecimal(text);
        };
    }

    private static Instant infinite(long value, java.util.function.Supplier<Instant> finite) {
        if (value == TIMESTAMP_INFINITY) {
            return InfiniteTimes.INFINITY;
        }
        if (value == TIMESTAMP_MINUS_INFINITY) {
            return InfiniteTimes.MINUS_INFINITY;
        }
        return finite.get();
    }

    private static Instant zoned(String text) {
        return switch (text) {
            case "infinity" -> InfiniteTimes.INFINITY;
            case "-infinity" -> InfiniteTimes.MINUS_INFINITY;
            default -> OffsetDateTime.parse(text).toInstant();
        };
    }

    private static Object date(long epochDay) {
        if (DATE_INFINITY.contains(epochDay)) {
            return InfiniteTimes.INFINITY_DATE;
        }
        if (DATE_MINUS_INFINITY.contains(epochDay)) {
            return InfiniteTimes.MINUS_INFINITY_DATE;
        }
        if (epochDay < FIRST_POSTGRES_EPOCH_DAY) {
            throw new IllegalArgumentException("day " + epochDay + " lies before PostgreSQL's first date, so it is not one Debezium read faithfully");
        }
        return LocalDate.ofEpochDay(epochDay);
    }

    /**
     * PostgreSQL's first timestamp, 4713 BC, in microseconds since 1970 (with a margin). Debezium 3.6.1
     * overflows on timestamps near PostgreSQL's last one (294276 AD) and sends a value far before this:
     * a wrong date, so the column is unconvertible rather than silently wrong.
     */
    private static final long FIRST_POSTGRES_MICROS = -211_000_000_000_000_000L;

    private static long checkedMicros(long micros) {
        if (micros < FIRST_POSTGRES_MICROS) {
            throw new IllegalArgumentException(micros + " microseconds lies before PostgreSQL's first timestamp: "
                    + "Debezium overflowed on a timestamp near 294276 AD");
        }
        return micros;
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
