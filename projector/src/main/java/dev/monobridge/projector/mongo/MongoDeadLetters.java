package dev.monobridge.projector.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonBoolean;
import org.bson.BsonType;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;

/**
 * The operator's side of the dead letters: list them, and ask for some to be replayed. Replay is a
 * request, not an action: the running bridge picks requests up and applies the changes through its
 * projector, so that only one projector ever writes. Position guards make a replay safe: a change
 * older than what a row already reflects changes nothing.
 */
public final class MongoDeadLetters {

    private static final String REPLAY = "replayRequested";

    private final MongoCollection<BsonDocument> collection;

    public MongoDeadLetters(MongoDatabase database) {
        this.collection = database.getCollection(MongoProjectionStore.DEAD_LETTERS, BsonDocument.class);
    }

    /** The newest letters first. */
    public List<BsonDocument> list(int limit) {
        return collection.find().sort(Sorts.descending("at")).limit(limit).into(new ArrayList<>());
    }

    public long count() {
        return collection.countDocuments();
    }

    /**
     * Marks letters that carry a change for replay: all of them, or one by id.
     *
     * @return how many were marked
     */
    public long requestReplay(BsonValue id) {
        // Only letters that kept their change as a document can be rebuilt; a change whose values BSON
        // could not hold was kept as text, for people to read.
        Bson replayable = Filters.type("change", BsonType.DOCUMENT);
        Bson which = id == null ? replayable : Filters.and(replayable, Filters.eq("_id", id));
        return collection.updateMany(which, Updates.set(REPLAY, BsonBoolean.TRUE)).getModifiedCount();
    }

    /** The letters marked for replay, with their changes rebuilt. */
    public List<Replay> replayRequests() {
        List<Replay> replays = new ArrayList<>();
        for (BsonDocument letter : collection.find(Filters.eq(REPLAY, true)).sort(Sorts.ascending("position"))) {
            replays.add(new Replay(letter.get("_id"), change(letter)));
        }
        return replays;
    }

    /** Removes letters whose changes went through the projector again. */
    public void replayed(List<Replay> replays) {
        if (!replays.isEmpty()) {
            collection.deleteMany(Filters.in("_id", replays.stream().map(Replay::id).toList()));
        }
    }

    @SuppressWarnings("unchecked")
    static Change change(BsonDocument letter) {
        BsonDocument raw = letter.getDocument("change");
        Op op = Op.fromCode(letter.getString("op").getValue());
        BsonValue key = letter.get("key");
        return new Change(
                letter.getString("table").getValue(),
                op,
                key == null || key.isNull() ? null : new RowKey((Map<String, Object>) MongoValues.fromBson(key)),
                raw.isDocument("before") ? (Map<String, Object>) MongoValues.fromBson(raw.getDocument("before")) : null,
                raw.isDocument("after") ? (Map<String, Object>) MongoValues.fromBson(raw.getDocument("after")) : null,
                SourcePosition.parse(letter.getString("position").getValue()),
                Instant.ofEpochMilli(letter.getDateTime("commitTime").getValue()),
                raw.isString("txId") ? raw.getString("txId").getValue() : null);
    }

    /** A dead letter's id and the change it carries. */
    public record Replay(BsonValue id, Change change) {
    }
}
