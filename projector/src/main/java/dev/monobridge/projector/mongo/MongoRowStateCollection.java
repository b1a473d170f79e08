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

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.RowId;
import dev.monobridge.projector.core.RowState;
import dev.monobridge.projector.core.RowStateStore;

/**
 * The projector's row states, made durable in one MongoDB collection, one document per source row:
 * {@code {_id: {t: table, k: {column: value}}, v: {column: value}, p: position, d: deleted, at: date}}.
 */
final class MongoRowStateCollection {

    private final MongoCollection<BsonDocument> collection;
    private final java.util.function.Consumer<RowStateStore.StateChanges> acknowledged;

    /**
     * @param acknowledged told of each write once MongoDB has acknowledged it, so that a cache may let
     *                     go of the rows it pinned until then
     */
    MongoRowStateCollection(MongoCollection<BsonDocument> collection,
                            java.util.function.Consumer<RowStateStore.StateChanges> acknowledged) {
        this.collection = collection;
        this.acknowledged = acknowledged;
    }

    void write(RowStateStore.StateChanges changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<WriteModel<BsonDocument>> models = new ArrayList<>();
        for (RowState state : changes.written()) {
            models.add(new ReplaceOneModel<>(Filters.eq("_id", id(state.id())), toDocument(state),
                    new ReplaceOptions().upsert(true)));
        }
        for (RowId removed : changes.removed()) {
            models.add(new DeleteOneModel<>(Filters.eq("_id", id(removed))));
        }
        for (RowState advanced : changes.advanced()) {
            // The values are what MongoDB holds already; the position is all that moves (some 60 bytes
            // sent rather than the whole row). No upsert: a row not stored keeps the older position, safe.
            models.add(new UpdateOneModel<>(Filters.eq("_id", id(advanced.id())),
                    Updates.set("p", advanced.position().toString())));
        }
        collection.bulkWrite(models, new BulkWriteOptions().ordered(false));
        acknowledged.accept(changes);
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
