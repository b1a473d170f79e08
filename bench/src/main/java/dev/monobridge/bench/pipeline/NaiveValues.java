package dev.monobridge.bench.pipeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
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

/**
 * Column values to BSON the way Monobridge stores them (integers 64-bit, exact decimals, timestamps as
 * dates to the millisecond, dates as ISO text), so that the naive pipeline's entries can be compared
 * with Monobridge's field for field. Written here, not borrowed, because the naive pipeline must not
 * lean on the projector it is compared with.
 */
final class NaiveValues {

    private NaiveValues() {
    }

    static BsonValue toBson(Object value) {
        if (value == null) {
            return BsonNull.VALUE;
        }
        if (value instanceof String s) {
            return new BsonString(s);
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return new BsonInt64(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            return new BsonDouble(((Number) value).doubleValue());
        }
        if (value instanceof Boolean b) {
            return BsonBoolean.valueOf(b);
        }
        if (value instanceof BigDecimal d) {
            return new BsonDecimal128(new Decimal128(d));
        }
        if (value instanceof Instant instant) {
            return new BsonDateTime(instant.toEpochMilli());
        }
        if (value instanceof LocalDate date) {
            return new BsonString(date.toString());
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
            BsonArray array = new BsonArray();
            list.forEach(item -> array.add(toBson(item)));
            return array;
        }
        if (value instanceof Number n) {
            return new BsonDecimal128(new Decimal128(new BigDecimal(n.toString())));
        }
        throw new IllegalArgumentException("no BSON mapping for a " + value.getClass().getName());
    }
}
