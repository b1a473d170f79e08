package dev.monobridge.projector.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads a {@code json} or {@code jsonb} column's text as the subdocument a frontend expects. Numbers keep
 * their exact value: integers as {@code Long}, others as {@code BigDecimal}. Every reader of source rows
 * (the change stream, a rebuild's snapshot) uses this one, so that both give equal values.
 */
public final class JsonColumns {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private JsonColumns() {
    }

    /** The parsed value: a map, a list, text, a number, a boolean or null. */
    public static Object parse(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a JSON column holds text that is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
