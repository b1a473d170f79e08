package dev.monobridge.projector.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import dev.monobridge.projector.rebuild.RebuildProgress;

/**
 * The control plane between {@code monobridge rebuild} and the running bridge, kept in MongoDB beside
 * the documents: the command leaves a request, the bridge takes it within a second and publishes the
 * rebuild's progress, which the command follows.
 */
public final class MongoRebuildRequests {

    private static final String REQUEST = "rebuild-request:";
    private static final String STATUS = "rebuild:";

    private final MongoCollection<BsonDocument> collection;

    public MongoRebuildRequests(MongoDatabase database) {
        this.collection = database.getCollection(MongoProjectionStore.PROJECTOR, BsonDocument.class);
    }

    /** Asks for a rebuild of the projection, or of one of its documents (key not null), or to cancel one. */
    public void request(String projection, String key, boolean cancel, Instant at) {
        collection.replaceOne(Filters.eq("_id", REQUEST + projection), new BsonDocument("_id", new BsonString(REQUEST + projection))
                        .append("projection", new BsonString(projection))
                        .append("key", key == null ? BsonNull.VALUE : new BsonString(key))
                        .append("cancel", BsonBoolean.valueOf(cancel))
                        .append("at", new BsonDateTime(at.toEpochMilli())),
                new ReplaceOptions().upsert(true));
    }

    /** Takes (and removes) the waiting requests. */
    public List<Request> take() {
        return take(Filters.regex("_id", "^" + REQUEST));
    }

    /**
     * Takes (and removes) the waiting requests for these projections only, and leaves the others': Kafka
     * Connect sinks of different projections share one database, and each answers for its own.
     */
    public List<Request> take(Collection<String> projections) {
        return take(Filters.in("_id", projections.stream().map(projection -> REQUEST + projection).toList()));
    }

    private List<Request> take(Bson waiting) {
        List<Request> requests = new ArrayList<>();
        for (BsonDocument document : collection.find(waiting)) {
            collection.deleteOne(Filters.eq("_id", document.get("_id")));
            BsonValue key = document.get("key");
            requests.add(new Request(document.getString("projection").getValue(),
                    key == null || key.isNull() ? null : key.asString().getValue(), document.getBoolean("cancel").getValue()));
        }
        return requests;
    }

    /** Publishes a rebuild's figures, for the command and the status page. */
    public void publish(RebuildProgress.Snapshot progress) {
        BsonDocument status = new BsonDocument("_id", new BsonString(STATUS + progress.projection()))
                .append("projection", new BsonString(progress.projection()))
                .append("key", progress.documentKey() == null ? BsonNull.VALUE : new BsonString(progress.documentKey().toString()))
                .append("phase", new BsonString(progress.phase().name()))
                .append("rowsRead", new BsonInt64(progress.rowsRead()))
                .append("rowsEstimated", new BsonInt64(progress.rowsEstimated()))
                .append("documentsWritten", new BsonInt64(progress.documentsWritten()))
                .append("rowsPerSecond", new BsonDouble(progress.rowsPerSecond()))
                .append("documentsPerSecond", new BsonDouble(progress.documentsPerSecond()))
                .append("etaSeconds", new BsonInt64(progress.eta().toSeconds()))
                .append("startedAt", new BsonDateTime(progress.startedAt().toEpochMilli()))
                .append("finishedAt", progress.finishedAt() == null ? BsonNull.VALUE : new BsonDateTime(progress.finishedAt().toEpochMilli()))
                .append("error", progress.error() == null ? BsonNull.VALUE : new BsonString(progress.error()));
        collection.replaceOne(Filters.eq("_id", STATUS + progress.projection()), status, new ReplaceOptions().upsert(true));
    }

    /** The last published figures of the projection's rebuild. */
    public Optional<BsonDocument> status(String projection) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", STATUS + projection)).first());
    }

    /** A request: rebuild (the whole projection, or the document with {@code key}), or cancel. */
    public record Request(String projection, String key, boolean cancel) {
    }
}
