package dev.monobridge.projector.mongo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

/**
 * How a stored document differs from what its definition gives from the source: the paths whose values
 * differ, each with the stored and the expected value. {@code _id} and {@code _meta} are left out: the id
 * is what the two were matched by, and {@code _meta} holds what legitimately moves (the write time, the
 * positions and commit time of the changes that made it); its definition version is a shape check.
 *
 * <p>Both sides are compared as BSON, the expected one converted exactly as the writer converts it, so
 * that a value type the writer would store differently (a whole number as a decimal) is a difference
 * too. Bounded: at most {@link #MAX_DIFFERENCES} paths, each value abbreviated to {@link #MAX_VALUE_CHARS}.
 */
public final class MongoDocumentDifferences {

    /** Enough paths to see what went wrong in one document; the count says how many more there were. */
    public static final int MAX_DIFFERENCES = 20;
    /** A value is shown for recognition, not in full: a list of 200 entries would swamp the record. */
    public static final int MAX_VALUE_CHARS = 200;

    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();
    private static final JsonWriterSettings CANONICAL = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();
    private static final Set<String> LEFT_OUT = Set.of("_id", MongoDocumentWrites.META);

    private MongoDocumentDifferences() {
    }

    /**
     * One path that differs.
     *
     * @param stored   the stored value as relaxed Extended JSON, or empty when the stored document lacks it
     * @param expected the value the source gives, or empty when the source gives none
     */
    public record Difference(String path, Optional<String> stored, Optional<String> expected) {

        public BsonDocument toBson() {
            BsonDocument document = new BsonDocument("path", new org.bson.BsonString(path));
            stored.ifPresent(s -> document.append("stored", new org.bson.BsonString(s)));
            expected.ifPresent(e -> document.append("expected", new org.bson.BsonString(e)));
            return document;
        }

        @Override
        public String toString() {
            return path + ": " + stored.orElse("(missing)") + " (expected " + expected.orElse("nothing") + ")";
        }
    }

    /** All differences; the first {@link #MAX_DIFFERENCES} are what a record keeps. */
    public static List<Difference> between(BsonDocument stored, Map<String, Object> expected) {
        List<Difference> differences = new ArrayList<>();
        documents("", without(stored), without(MongoValues.document(expected)), differences);
        return differences;
    }

    private static BsonDocument without(BsonDocument document) {
        BsonDocument content = new BsonDocument();
        document.forEach((field, value) -> {
            if (!LEFT_OUT.contains(field)) {
                content.append(field, value);
            }
        });
        return content;
    }

    private static void documents(String prefix, BsonDocument stored, BsonDocument expected, List<Difference> out) {
        Set<String> fields = new LinkedHashSet<>(expected.keySet());
        fields.addAll(stored.keySet());
        for (String field : fields) {
            values(prefix.isEmpty() ? field : prefix + "." + field, stored.get(field), expected.get(field), out);
        }
    }

    private static void values(String path, BsonValue stored, BsonValue expected, List<Difference> out) {
        if (stored != null && expected != null && stored.isDocument() && expected.isDocument()) {
            documents(path, stored.asDocument(), expected.asDocument(), out);
        } else if (stored != null && expected != null && stored.isArray() && expected.isArray()) {
            arrays(path, stored.asArray(), expected.asArray(), out);
        } else if (stored == null || !stored.equals(expected)) {
            Optional<String> storedText = text(stored, RELAXED);
            Optional<String> expectedText = text(expected, RELAXED);
            if (storedText.equals(expectedText)) {
                // Equal in relaxed JSON, different in BSON: the type differs (a 32-bit 7 for a 64-bit one), so say it.
                storedText = text(stored, CANONICAL);
                expectedText = text(expected, CANONICAL);
            }
            out.add(new Difference(path, storedText, expectedText));
        }
    }

    /** Entry by entry, by position: a list's order is part of what it means. */
    private static void arrays(String path, BsonArray stored, BsonArray expected, List<Difference> out) {
        for (int i = 0; i < Math.max(stored.size(), expected.size()); i++) {
            values(path + "." + i, i < stored.size() ? stored.get(i) : null, i < expected.size() ? expected.get(i) : null, out);
        }
    }

    private static Optional<String> text(BsonValue value, JsonWriterSettings settings) {
        if (value == null) {
            return Optional.empty();
        }
        String json = new BsonDocument("v", value).toJson(settings);
        json = json.substring("{\"v\": ".length(), json.length() - 1);
        return Optional.of(json.length() <= MAX_VALUE_CHARS ? json : json.substring(0, MAX_VALUE_CHARS - 1) + "…");
    }
}
