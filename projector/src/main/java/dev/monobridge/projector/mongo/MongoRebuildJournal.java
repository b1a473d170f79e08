package dev.monobridge.projector.mongo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import dev.monobridge.projector.rebuild.RebuildJournal;

/**
 * Rebuild records kept in {@value MongoProjectionStore#PROJECTOR}, beside the documents they concern:
 * one {@code shadow:<collection>} document per shadow being filled.
 */
public final class MongoRebuildJournal implements RebuildJournal {

    private static final String PREFIX = "shadow:";

    private final MongoDatabase database;
    private final MongoCollection<BsonDocument> records;
    private final Clock clock;

    public MongoRebuildJournal(MongoDatabase database, Clock clock) {
        this.database = database;
        this.records = database.getCollection(MongoProjectionStore.PROJECTOR, BsonDocument.class);
        this.clock = clock;
    }

    @Override
    public void begin(String projection, String shadowCollection) {
        // Record first: if the drop or anything after it is interrupted, the next start still finds the shadow.
        records.replaceOne(Filters.eq("_id", PREFIX + shadowCollection), new BsonDocument("_id", new BsonString(PREFIX + shadowCollection))
                        .append("shadow", new BsonString(shadowCollection))
                        .append("projection", new BsonString(projection))
                        .append("startedAt", new BsonDateTime(clock.millis())),
                new ReplaceOptions().upsert(true));
        if (database.listCollectionNames().into(new ArrayList<>()).contains(shadowCollection)) {
            database.getCollection(shadowCollection).drop();
        }
    }

    @Override
    public void end(String shadowCollection) {
        records.deleteOne(Filters.eq("_id", PREFIX + shadowCollection));
    }

    @Override
    public List<String> unfinished() {
        List<String> shadows = new ArrayList<>();
        for (BsonDocument record : records.find(Filters.regex("_id", "^" + PREFIX))) {
            shadows.add(record.getString("shadow").getValue());
        }
        return shadows;
    }
}
