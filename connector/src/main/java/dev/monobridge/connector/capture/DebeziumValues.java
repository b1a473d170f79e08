package dev.monobridge.connector.capture;

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

import dev.monobridge.projector.change.JsonColumns;
import dev.monobridge.projector.change.Unavailable;

/**
 * Converts column values from Debezium's Connect representation to the projector's plain Java values,
 * guided by each field's semantic schema name: decimals stay exact, every timestamp becomes an
 * {@link Instant}, dates a {@link LocalDate}, and the TOAST placeholder becomes {@link Unavailable}.
 */
final class DebeziumValues {

    /** Debezium's default {@code unavailable.value.placeholder}. */
    static final String UNAVAILABLE_PLACEHOLDER = "__debezium_unavailable_value";
    private static final byte[] UNAVAILABLE_BYTES = UNAVAILABLE_PLACEHOLDER.getBytes(StandardCharsets.UTF_8);

    private DebeziumValues() {
    }

    static Map<String, Object> row(Struct struct) {
        if (struct == null) {
            return null;
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (Field field : struct.schema().fields()) {
            row.put(field.name(), value(field.schema(), struct.get(field)));
        }
        return row;
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
                    return Instant.ofEpochMilli((Long) value);
                case "io.debezium.time.MicroTimestamp":
                    return micros((Long) value);
                case "io.debezium.time.NanoTimestamp":
                    return Instant.ofEpochSecond(0, (Long) value);
                case "io.debezium.time.ZonedTimestamp":
                    return OffsetDateTime.parse((String) value).toInstant();
                case "io.debezium.time.Date":
                    return LocalDate.ofEpochDay(((Number) value).longValue());
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

    private static Instant micros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
