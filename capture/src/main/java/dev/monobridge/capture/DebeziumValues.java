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

import org.apache.kafka.connect.data.Field;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

import dev.monobridge.capture.source.SourceValueQuirks;
import dev.monobridge.projector.change.JsonColumns;
import dev.monobridge.projector.change.NonFiniteNumber;
import dev.monobridge.projector.change.Unavailable;
import dev.monobridge.projector.change.Unconvertible;

/**
 * Converts column values from Debezium's Connect representation to the projector's plain Java values,
 * guided by each field's semantic schema name and source column type: decimals stay exact (and
 * numeric NaN and infinities become {@link NonFiniteNumber}), every timestamp becomes an {@link Instant},
 * dates a {@link LocalDate}, and the unchanged-value placeholder becomes {@link Unavailable}. What one
 * database sends in its own way (PostgreSQL's infinite timestamps and dates, say) its adapter's
 * {@link SourceValueQuirks} says.
 *
 * <p>A value that cannot be converted becomes {@link Unconvertible} with the reason, for that column
 * alone: it matters only if a projection reads the column.
 */
final class DebeziumValues {

    /** Debezium's default {@code unavailable.value.placeholder}. */
    static final String UNAVAILABLE_PLACEHOLDER = "__debezium_unavailable_value";
    private static final byte[] UNAVAILABLE_BYTES = UNAVAILABLE_PLACEHOLDER.getBytes(StandardCharsets.UTF_8);

    /** The parameter {@code column.propagate.source.type} adds to each field's schema. */
    static final String SOURCE_TYPE = "__debezium.source.column.type";

    private final SourceValueQuirks quirks;

    DebeziumValues(SourceValueQuirks quirks) {
        this.quirks = quirks;
    }

    /** A row whose table is not known (a nested struct, a test): no column is JSON by the table's catalogue. */
    Map<String, Object> row(Struct struct) {
        return row(null, struct);
    }

    /** A row of the table (as definitions name it), column by column. */
    Map<String, Object> row(String table, Struct struct) {
        if (struct == null) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            Object raw = struct.get(field);
            try {
                row.put(field.name(), raw instanceof String text && isJson(table, field)
                        ? JsonColumns.parse(text) : value(field.schema(), raw));
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

    Object value(Schema schema, Object value) {
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
                    return special((Long) value, () -> Instant.ofEpochMilli((Long) value));
                case "io.debezium.time.MicroTimestamp":
                    return special((Long) value, () -> micros(quirks.checkedMicros((Long) value)));
                case "io.debezium.time.NanoTimestamp":
                    return special((Long) value, () -> Instant.ofEpochSecond(0, (Long) value));
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
            return decimal(schema.parameters().get(SOURCE_TYPE).toUpperCase(java.util.Locale.ROOT), text);
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

    /** A {@code decimal.handling.mode=string} column: a decimal type of the source, by its source type. */
    private boolean isDecimal(Schema schema) {
        String source = schema.parameters() == null ? null : schema.parameters().get(SOURCE_TYPE);
        return source != null && quirks.isDecimalType(source.toUpperCase(java.util.Locale.ROOT));
    }

    /** A JSON column that arrives as plain text (MariaDB's JSON), by what the source's adapter knows of it. */
    private boolean isJson(String table, Field field) {
        String source = field.schema().parameters() == null ? null : field.schema().parameters().get(SOURCE_TYPE);
        return source != null && quirks.isJson(table, field.name(), source.toUpperCase(java.util.Locale.ROOT));
    }

    /**
     * A decimal as Debezium's string mode sends it: exact text, with its scale ({@code 2.50} stays
     * {@code 2.50}), or the name the source's adapter gives one of its special values.
     */
    private Object decimal(String sourceType, String text) {
        NonFiniteNumber special = quirks.specialDecimal(text);
        return special != null ? special : quirks.exactDecimal(sourceType, new BigDecimal(text));
    }

    private Instant special(long value, java.util.function.Supplier<Instant> ordinary) {
        Instant special = quirks.specialTimestamp(value);
        return special != null ? special : ordinary.get();
    }

    private Instant zoned(String text) {
        Instant special = quirks.specialZonedTimestamp(text);
        return special != null ? special : OffsetDateTime.parse(text).toInstant();
    }

    private Object date(long epochDay) {
        Object special = quirks.specialDate(epochDay);
        return special != null ? special : LocalDate.ofEpochDay(quirks.checkedEpochDay(epochDay));
    }

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
