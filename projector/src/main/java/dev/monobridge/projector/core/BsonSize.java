package dev.monobridge.projector.core;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The size a document will take in MongoDB, computed from the BSON encoding rules without encoding it,
 * so that the core can keep documents within their byte budget without knowing any MongoDB type.
 * Integers count as 64-bit and decimals as Decimal128, as the writer stores them.
 */
final class BsonSize {

    private BsonSize() {
    }

    static long ofDocument(Map<String, Object> document) {
        long size = 4 + 1; // length prefix and terminating zero
        for (Map.Entry<String, Object> field : document.entrySet()) {
            size += element(field.getKey(), field.getValue());
        }
        return size;
    }

    static long element(String name, Object value) {
        return 1 + cString(name) + value(value);
    }

    @SuppressWarnings("unchecked")
    static long value(Object value) {
        if (value == null || value instanceof Boolean) {
            return value == null ? 0 : 1;
        }
        if (value instanceof String s) {
            return 4 + s.getBytes(StandardCharsets.UTF_8).length + 1;
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Double || value instanceof Instant) {
            return 8;
        }
        if (value instanceof BigDecimal) {
            return 16;
        }
        if (value instanceof byte[] bytes) {
            return 4 + 1 + bytes.length;
        }
        if (value instanceof Map<?, ?> map) {
            return ofDocument((Map<String, Object>) map);
        }
        if (value instanceof List<?> list) {
            long size = 4 + 1;
            for (int i = 0; i < list.size(); i++) {
                size += element(Integer.toString(i), list.get(i));
            }
            return size;
        }
        return 4 + value.toString().getBytes(StandardCharsets.UTF_8).length + 1;
    }

    private static long cString(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length + 1;
    }
}
