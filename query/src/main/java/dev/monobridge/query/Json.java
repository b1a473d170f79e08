package dev.monobridge.query;

import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * JSON as the API writes it: MongoDB's relaxed Extended JSON. Numbers, strings and booleans are plain
 * JSON; a date is {@code {"$date": "2026-12-26T14:00:00Z"}} and an exact decimal
 * {@code {"$numberDecimal": "2.50"}}, so that no type is lost on the way to the client.
 */
public final class Json {

    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private Json() {
    }

    public static String write(BsonDocument document) {
        return document.toJson(RELAXED);
    }
}
