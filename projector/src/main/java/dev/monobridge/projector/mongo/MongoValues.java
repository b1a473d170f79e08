package dev.monobridge.projector.mongo;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

import dev.monobridge.projector.change.NonFiniteNumber;

/**
 * Converts the projector's plain Java values to BSON and back. Decimals stay exact (Decimal128), and a
 * numeric NaN or infinity becomes the Decimal128 of that name; timestamps become BSON dates, and JSON
 * columns become subdocuments.
 */
final class MongoValues {

    private MongoValues() {
    }

    static BsonValue toBson(Object value) {
        if (value == null) {
            return BsonNull.VALUE;
        }
        if (value instanceof String s) {
            return new BsonString(s);
        }
        if (value instanceof Long l) {
            return new BsonInt64(l);
        }
        if (value instanceof Integer i) {
            return new BsonInt64(i);
        }
        if (value instanceof Double d) {
            return new BsonDouble(d);
        }
        if (value instanceof Boolean b) {
            return BsonBoolean.valueOf(b);
        }
        if (value instanceof BigDecimal d) {
            return new BsonDecimal128(new Decimal128(d));
        }
        if (value instanceof NonFiniteNumber special) {
            return new BsonDecimal128(switch (special) {
                case NAN -> Decimal128.NaN;
                case INFINITY -> Decimal128.POSITIVE_INFINITY;
                case MINUS_INFINITY -> Decimal128.NEGATIVE_INFINITY;
            });
        }
        if (value instanceof Instant instant) {
            return new BsonDateTime(instant.toEpochMilli());
        }
        if (value instanceof byte[] bytes) {
            return new BsonBinary(bytes);
        }
        if (value instanceof Map<?, ?> map) {
            BsonDocument document = new BsonDocument();
            map.forEach((k, v) -> document.append(String.valueOf(k), toBson(v)));
            return document;
        }
        if (value instanceof List<?> list) {
            BsonArray array = new BsonArray(new ArrayList<>(list.size()));
            list.forEach(item -> array.add(toBson(item)));
            return array;
        }
        if (value instanceof Number n) {
            return new BsonDecimal128(new Decimal128(new BigDecimal(n.toString())));
        }
        throw new IllegalArgumentException("no BSON mapping for a " + value.getClass().getName());
    }

    static Object fromBson(BsonValue value) {
        switch (value.getBsonType()) {
            case NULL:
                return null;
            case STRING:
                return value.asString().getValue();
            case INT32:
                return (long) value.asInt32().getValue();
            case INT64:
                return value.asInt64().getValue();
            case DOUBLE:
                return value.asDouble().getValue();
            case BOOLEAN:
                return value.asBoolean().getValue();
            case DECIMAL128:
                return decimal(value.asDecimal128().getValue());
            case DATE_TIME:
                return Instant.ofEpochMilli(value.asDateTime().getValue());
            case BINARY:
                return value.asBinary().getData();
            case DOCUMENT:
                Map<String, Object> map = new LinkedHashMap<>();
                value.asDocument().forEach((k, v) -> map.put(k, fromBson(v)));
                return map;
            case ARRAY:
                List<Object> list = new ArrayList<>();
                value.asArray().forEach(item -> list.add(fromBson(item)));
                return list;
            default:
                throw new IllegalArgumentException("no mapping from BSON " + value.getBsonType());
        }
    }

    private static Object decimal(Decimal128 decimal) {
        if (decimal.isNaN()) {
            return NonFiniteNumber.NAN;
        }
        if (decimal.isInfinite()) {
            return decimal.isNegative() ? NonFiniteNumber.MINUS_INFINITY : NonFiniteNumber.INFINITY;
        }
        return decimal.bigDecimalValue();
    }

    static BsonDocument document(Map<String, Object> values) {
        return (BsonDocument) toBson(values);
    }
}
