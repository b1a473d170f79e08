package dev.monobridge.projector.mongo;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.types.ObjectId;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

/**
 * What the drift sampler found, kept in MongoDB so that {@code monobridge status} and the admin API read
 * it without the bridge: each drifted document with its differences in {@value #DRIFT} (the newest
 * {@code kept} only: every record past them is removed as a new one comes, so the collection can never
 * grow with time), and the running figures in one document of {@link MongoProjectionStore#PROJECTOR}.
 *
 * <p>Bounded in code rather than as a capped collection, because the in-process server has none and the
 * same code must be right on both.
 */
public final class MongoDriftLog {

    public static final String DRIFT = "monobridge_drift";
    private static final String FIGURES_ID = "drift";

    private final MongoCollection<BsonDocument> records;
    private final MongoCollection<BsonDocument> projector;

    public MongoDriftLog(MongoDatabase database) {
        this.records = database.getCollection(DRIFT, BsonDocument.class);
        this.projector = database.getCollection(MongoProjectionStore.PROJECTOR, BsonDocument.class);
    }

    /** Adds a record and removes those beyond the newest {@code kept}. Ids are ObjectIds: they order by time. */
    public void record(BsonDocument record, int kept) {
        BsonDocument document = record.clone();
        document.put("_id", new BsonObjectId(new ObjectId()));
        records.insertOne(document);
        BsonDocument oldestKept = records.find().sort(Sorts.descending("_id")).skip(kept - 1).limit(1).first();
        if (oldestKept != null) {
            records.deleteMany(Filters.lt("_id", oldestKept.get("_id")));
        }
    }

    /** The newest records first, of one projection or ({@code null}) all. */
    public List<BsonDocument> recent(String projection, int limit) {
        var filter = projection == null ? Filters.empty() : Filters.eq("projection", projection);
        return records.find(filter).sort(Sorts.descending("_id")).limit(limit).into(new ArrayList<>());
    }

    public void saveFigures(BsonDocument figures) {
        BsonDocument document = figures.clone();
        document.put("_id", new BsonString(FIGURES_ID));
        projector.replaceOne(Filters.eq("_id", FIGURES_ID), document, new ReplaceOptions().upsert(true));
    }

    /** The figures the sampler last saved; empty when it never ran against this database. */
    public Optional<BsonDocument> figures() {
        return Optional.ofNullable(projector.find(Filters.eq("_id", FIGURES_ID)).first());
    }
}
