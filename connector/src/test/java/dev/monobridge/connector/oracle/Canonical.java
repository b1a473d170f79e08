package dev.monobridge.connector.oracle;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A form in which a document read from MongoDB and a document the oracle computed from SQL rows can be
 * compared: numbers as plain decimal text ({@code n:2.5}; {@code n:NaN}, {@code n:Infinity} and
 * {@code n:-Infinity} for the values that are not numbers), instants at millisecond precision
 * ({@code t:2026-11-26T17:00:00Z}), dates as ISO text, maps with sorted keys. List order is kept: it is
 * part of what a projection promises.
 */
public final class Canonical {

    private Canonical() {
    }

    /** A value read with JDBC. */
    public static Object ofJdbc(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return instant(timestamp.toInstant());
        }
        if (value instanceof Instant instant) {
            return instant(instant);
        }
        if (value instanceof OffsetDateTime time) {
            return instant(time.toInstant());
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof LocalDate date) {
            return date.toString();
        }
        if ((value instanceof Double || value instanceof Float) && !Double.isFinite(((Number) value).doubleValue())) {
            // A numeric or float8 NaN or infinity, which PgJDBC reads as a Double.
            return "n:" + value;
        }
        if (value instanceof Number number) {
            return number(new BigDecimal(number.toString()));
        }
        if (value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            // Already canonical: JSON the oracle read with ofJson.
            return value;
        }
        return value.toString();
    }

    /** A {@code json} or {@code jsonb} value's text, read with Jackson's tree model (not the projector's reader). */
    public static Object ofJson(String text) {
        try {
            return ofJsonNode(JSON.readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the oracle read JSON it cannot parse: " + text, e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private static Object ofJsonNode(com.fasterxml.jackson.databind.JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            node.fields().forEachRemaining(field -> map.put(field.getKey(), ofJsonNode(field.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(item -> list.add(ofJsonNode(item)));
            return list;
        }
        if (node.isNumber()) {
            return number(new BigDecimal(node.asText()));
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.isNull() ? null : node.asText();
    }

    /** A document read from MongoDB, without {@code _id} and {@code _meta}. */
    public static Map<String, Object> ofDocument(BsonDocument document) {
        Map<String, Object> canonical = new TreeMap<>();
        document.forEach((field, value) -> {
            if (!field.equals("_id") && !field.equals("_meta")) {
                canonical.put(field, ofBson(value));
            }
        });
        return canonical;
    }

    public static Object ofBson(BsonValue value) {
        switch (value.getBsonType()) {
            case NULL:
                return null;
            case STRING:
                return value.asString().getValue();
            case BOOLEAN:
                return value.asBoolean().getValue();
            case INT32:
                return number(BigDecimal.valueOf(value.asInt32().getValue()));
            case INT64:
                return number(BigDecimal.valueOf(value.asInt64().getValue()));
            case DOUBLE:
                return Double.isFinite(value.asDouble().getValue()) ? number(BigDecimal.valueOf(value.asDouble().getValue()))
                        : "n:" + value.asDouble().getValue();
            case DECIMAL128:
                // Decimal128 prints its NaN and infinities as Java prints a double's: NaN, Infinity, -Infinity.
                return value.asDecimal128().getValue().isFinite() ? number(value.asDecimal128().getValue().bigDecimalValue())
                        : "n:" + value.asDecimal128().getValue();
            case DATE_TIME:
                return instant(Instant.ofEpochMilli(value.asDateTime().getValue()));
            case DOCUMENT:
                Map<String, Object> map = new TreeMap<>();
                value.asDocument().forEach((k, v) -> map.put(k, ofBson(v)));
                return map;
            case ARRAY:
                List<Object> list = new ArrayList<>();
                value.asArray().forEach(item -> list.add(ofBson(item)));
                return list;
            default:
                return value.toString();
        }
    }

    private static String number(BigDecimal number) {
        return "n:" + (number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString());
    }

    private static String instant(Instant instant) {
        return "t:" + instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
