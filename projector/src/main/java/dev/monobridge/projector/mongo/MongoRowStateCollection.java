package dev.monobridge.projector.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;

import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.RowId;
import dev.monobridge.projector.core.RowState;
import dev.monobridge.projector.core.RowStateStore;

/**
 * The projector's row states, made durable in one MongoDB collection, one document per source row:
 * {@code {_id: {t: table, k: {column: value}}, v: {column: value}, p: position, d: deleted, at: date}};
 * and one per truncated table: {@code {_id: "truncate:<table>", p: position}} (no {@code _id.t}, no
 * {@code d}, so that no query for rows finds it).
 *
 * <p>With several {@link MongoWriters writers}, every write is guarded by its position (P10), in the filter of
 * the write itself, so the guard costs no round trip: a state replaces the stored one only if that one is
 * older ({@code p $lt} its own). When a newer one is stored (another writer's: a zombie task, or its
 * successor after a rebalance), the replace matches nothing, its upsert collides with the stored
 * {@code _id}, and MongoDB reports a duplicate key for that write alone; exactly those errors mean
 * "refused by the guard". A position-only advance matches nothing then, which only the bulk's counts
 * show. Either way the store is told that MongoDB holds states newer than it read. An expired marker is
 * removed only while it is a marker, never a live row another writer put there since.
 */
final class MongoRowStateCollection {

    /** How a table's truncate marker is named among the rows' states. */
    static final String TRUNCATE_PREFIX = "truncate:";

    /** Told of each write once MongoDB has acknowledged it. */
    interface Acknowledged {
        /**
         * @param olderThanStored whether the guards refused any of it: MongoDB holds a newer state of some
         *                        row than the one written
         */
        void stored(RowStateStore.StateChanges changes, boolean olderThanStored);
    }

    private final MongoCollection<BsonDocument> collection;
    private final Acknowledged acknowledged;
    private final MongoWriters writers;

    /**
     * @param acknowledged told of each write once MongoDB has acknowledged it, so that a cache may let
     *                     go of the rows it pinned until then, and read again what another writer changed
     */
    MongoRowStateCollection(MongoCollection<BsonDocument> collection, Acknowledged acknowledged, MongoWriters writers) {
        this.collection = collection;
        this.acknowledged = acknowledged;
        this.writers = writers;
    }

    /**
     * Synchronized with {@link #createIndex}: the writer thread writes while the projecting thread may build
     * an index for a column it starts reading. MongoDB takes both at once; the in-process server the tests
     * and the demo run on does not (its index list is not guarded, and an insert meeting a new index fails
     * with a ConcurrentModificationException). An index is built once per column, so the wait is rare.
     */
    synchronized void write(RowStateStore.StateChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<WriteModel<BsonDocument>> models = new ArrayList<>();
        for (RowState state : changes.written()) {
            models.add(new ReplaceOneModel<>(olderThan(state), toDocument(state), new ReplaceOptions().upsert(true)));
        }
        for (RowId removed : changes.removed()) {
            models.add(new DeleteOneModel<>(writers.expiredMarker(Filters.eq("_id", id(removed)))));
        }
        for (RowState advanced : changes.advanced()) {
            // The values are what MongoDB holds already; the position is all that moves (some 60 bytes
            // sent rather than the whole row). No upsert: a row not stored keeps the older position, safe.
            models.add(new UpdateOneModel<>(olderThan(advanced), Updates.set("p", advanced.position().toString())));
        }
        changes.truncated().forEach((table, position) -> models.add(new UpdateOneModel<>(
                Filters.eq("_id", truncateId(table)), Updates.max("p", position.toString()), new UpdateOptions().upsert(true))));
        BulkWriteResult result;
        int refusedReplaces = 0;
        try {
            result = collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (error.getIndex() >= changes.written().size()
                        || ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                refusedReplaces++;
            }
            result = e.getWriteResult();
        }
        acknowledged.stored(changes, refusedReplaces > 0 || advancesMatched(result, changes, refusedReplaces) < changes.advanced().size());
    }

    /**
     * How many position-only advances matched their row. Updates report no outcome of their own in a
     * bulk, only the total matched: the replaces that matched a stored row (those neither upserted nor
     * refused) and the advances. The truncate markers' upserts match or are upserted; both are counted.
     */
    private static int advancesMatched(BulkWriteResult result, RowStateStore.StateChanges changes, int refusedReplaces) {
        int replacesMatched = changes.written().size() - refusedReplaces
                - (int) result.getUpserts().stream().filter(u -> u.getIndex() < changes.written().size()).count();
        int truncatesMatched = changes.truncated().size()
                - (int) result.getUpserts().stream().filter(u -> u.getIndex() >= changes.written().size()).count();
        return result.getMatchedCount() - replacesMatched - truncatesMatched;
    }

    /** Builds an index, never while a write of this collection runs ({@link #write}). */
    synchronized void createIndex(Bson keys) {
        collection.createIndex(keys);
    }

    private Bson olderThan(RowState state) {
        return writers.rowState(Filters.eq("_id", id(state.id())), state.position());
    }

    static BsonString truncateId(String table) {
        return new BsonString(TRUNCATE_PREFIX + table);
    }

    static BsonDocument id(RowId id) {
        return new BsonDocument("t", new BsonString(id.table())).append("k", MongoValues.document(id.key().columns()));
    }

    static BsonDocument toDocument(RowState state) {
        return new BsonDocument("_id", id(state.id()))
                .append("v", MongoValues.document(state.values()))
                .append("p", new BsonString(state.position().toString()))
                .append("d", BsonBoolean.valueOf(state.deleted()))
                .append("at", new BsonDateTime(state.changedAt().toEpochMilli()));
    }

    @SuppressWarnings("unchecked")
    static RowId rowId(BsonDocument id) {
        RowKey key = new RowKey((Map<String, Object>) MongoValues.fromBson(id.getDocument("k")));
        return new RowId(id.getString("t").getValue(), key);
    }

    @SuppressWarnings("unchecked")
    static RowState fromDocument(BsonDocument document) {
        Map<String, Object> values = new LinkedHashMap<>((Map<String, Object>) MongoValues.fromBson(document.getDocument("v")));
        return new RowState(rowId(document.getDocument("_id")), values,
                SourcePosition.parse(document.getString("p").getValue()),
                document.getBoolean("d").getValue(),
                Instant.ofEpochMilli(document.getDateTime("at").getValue()));
    }
}
