package dev.monobridge.projector.mongo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Answers "have we seen this?" from the trails {@link MongoTrailWriter} keeps: for one document, its
 * {@code _meta} and its trail; for one source row, the documents it is in and its trail; both newest
 * first, with the position the bridge has reached, so that "not yet" can be told from "never". One
 * answer, as a BSON document, for the {@code trace} command and the admin API alike.
 */
public final class MongoTrails {

    public static final String COLLECTION = "monobridge_trail";
    static final String ENTRIES = "entries";
    static final String DOCUMENTS = "documents";
    static final String EXPIRES_AT = "expiresAt";
    static final String POSITION = "position";

    private final MongoDatabase database;
    private final MongoCollection<BsonDocument> trails;

    public MongoTrails(MongoDatabase database) {
        this.database = database;
        this.trails = database.getCollection(COLLECTION, BsonDocument.class);
    }

    static BsonDocument documentTrailId(String projection, BsonValue documentId) {
        return new BsonDocument("projection", new BsonString(projection)).append("id", documentId);
    }

    static BsonDocument rowTrailId(String table, BsonValue key) {
        return new BsonDocument("table", new BsonString(table)).append("key", key);
    }

    /**
     * A document's {@code _meta} (or {@code null} when it does not exist now) and trail, newest first.
     *
     * @param key the document's key as a person types it: a whole number or text; {@code col=value,...}
     *            for a composite key
     * @return empty when there is neither such a document nor a trail of one
     */
    public Optional<BsonDocument> document(ProjectionDefinition projection, String key) {
        List<BsonValue> ids = candidates(key);
        BsonDocument stored = database.getCollection(projection.collection(), BsonDocument.class)
                .find(Filters.in("_id", ids)).first();
        BsonDocument trail = trails.find(Filters.in("_id", ids.stream().map(id -> (BsonValue) documentTrailId(projection.name(), id))
                .toList())).first();
        if (stored == null && trail == null) {
            return Optional.empty();
        }
        BsonValue id = stored != null ? stored.get("_id") : trail.getDocument("_id").get("id");
        return Optional.of(new BsonDocument("projection", new BsonString(projection.name()))
                .append("key", id)
                .append("exists", BsonBoolean.valueOf(stored != null))
                .append("meta", stored == null ? BsonNull.VALUE : stored.get(MongoDocumentWrites.META, BsonNull.VALUE))
                .append("trail", newestFirst(trail))
                .append("reached", reached()));
    }

    /**
     * A source row's documents now and trail, newest first; {@code seen} is false when no change to it is in the
     * trail (none reached the bridge within the trail's keep, or since tracing began). Then, if the bridge still
     * remembers the row, {@code remembered} says at which position (and whether as deleted), so that an expired
     * trail is not taken for "never".
     *
     * @param keyColumn the table's key column, as the definitions name it
     */
    public BsonDocument row(String table, String keyColumn, String key) {
        List<BsonValue> ids = candidates(key);
        BsonDocument trail = trails.find(Filters.in("_id", ids.stream().map(id -> (BsonValue) rowTrailId(table, id)).toList())).first();
        BsonDocument answer = new BsonDocument("table", new BsonString(table))
                .append("key", trail == null ? ids.get(0) : trail.getDocument("_id").get("key"))
                .append("seen", BsonBoolean.valueOf(trail != null))
                .append(DOCUMENTS, trail == null ? new BsonArray() : trail.getArray(DOCUMENTS, new BsonArray()))
                .append("trail", newestFirst(trail))
                .append("reached", reached());
        if (trail == null) {
            remembered(table, keyColumn, ids).ifPresent(state -> answer.append("remembered", state));
        }
        return answer;
    }

    /** The embedded bridge's row state of the row, as its position and whether it is a delete marker; never its values. */
    private Optional<BsonDocument> remembered(String table, String keyColumn, List<BsonValue> ids) {
        List<BsonValue> stateIds = ids.stream().map(id -> (BsonValue) new BsonDocument("t", new BsonString(table))
                .append("k", id.isDocument() ? id : new BsonDocument(keyColumn, id))).toList();
        BsonDocument state = database.getCollection(MongoProjectionStore.statesCollection(""), BsonDocument.class)
                .find(Filters.in("_id", stateIds)).projection(com.mongodb.client.model.Projections.include("p", "d")).first();
        return Optional.ofNullable(state).map(s -> new BsonDocument("position", s.get("p"))
                .append("deleted", s.getBoolean("d", BsonBoolean.FALSE)));
    }

    /** The marker of how far a scope's projector has read ({@code reached:} and the scope, or just that). */
    static String reachedId(String scope) {
        return scope.isEmpty() ? "reached" : "reached:" + scope;
    }

    /**
     * How far the embedded bridge has read: the newest position of any batch it has made durable (the trail's
     * marker), or, with the trail off, the newest its documents may reflect; {@code null} before its first batch.
     */
    private BsonValue reached() {
        SourcePosition reached = MongoProjectionStore.storedDocumentHorizon(database, "").orElse(SourcePosition.ZERO);
        BsonDocument marker = trails.find(Filters.eq("_id", reachedId(""))).first();
        if (marker != null) {
            reached = SourcePosition.max(reached, SourcePosition.parse(marker.getString(POSITION).getValue()));
        }
        return reached.equals(SourcePosition.ZERO) ? BsonNull.VALUE : new BsonString(reached.toString());
    }

    private static BsonArray newestFirst(BsonDocument trail) {
        if (trail == null) {
            return new BsonArray();
        }
        List<BsonValue> entries = new ArrayList<>(trail.getArray(ENTRIES, new BsonArray()).getValues());
        Collections.reverse(entries);
        return new BsonArray(entries);
    }

    /**
     * What a typed key may be stored as: a whole number (as the bridge stores integer keys) or the text;
     * {@code a=1,b=x} is a composite key's columns, in key order, each value a whole number or text.
     *
     * @throws IllegalArgumentException for a composite key that is not {@code column=value,...}
     */
    public static List<BsonValue> candidates(String key) {
        if (key.contains("=")) {
            Map<String, Object> columns = new LinkedHashMap<>();
            for (String part : key.split(",")) {
                int equals = part.indexOf('=');
                if (equals < 1) {
                    throw new IllegalArgumentException("a composite key is column=value,column=value, not '" + key + "'");
                }
                String value = part.substring(equals + 1);
                columns.put(part.substring(0, equals).trim(), wholeNumber(value) != null ? wholeNumber(value) : value);
            }
            return List.of(MongoValues.document(columns));
        }
        Long number = wholeNumber(key);
        return number == null ? List.of(new BsonString(key)) : List.of(new BsonInt64(number), new BsonString(key));
    }

    private static Long wholeNumber(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
