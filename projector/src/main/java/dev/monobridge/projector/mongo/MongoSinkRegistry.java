package dev.monobridge.projector.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

/**
 * What each Kafka Connect sink says of itself in {@value MongoProjectionStore#PROJECTOR}, beside its
 * scoped projection time and document horizon, every few seconds while its task runs: the projections it
 * runs and whether it can rebuild them. {@code monobridge status} lists the sinks from here, so that it
 * needs no access to the Connect cluster.
 */
public final class MongoSinkRegistry {

    private static final String PREFIX = "sink:";

    private final MongoCollection<BsonDocument> collection;

    public MongoSinkRegistry(MongoDatabase database) {
        this.collection = database.getCollection(MongoProjectionStore.PROJECTOR, BsonDocument.class);
    }

    /** Notes that the sink's task ran at {@link Sink#seenAt()}, with these projections. */
    public void beat(Sink sink) {
        BsonArray projections = new BsonArray();
        sink.projections().forEach(projection -> projections.add(new BsonString(projection)));
        collection.replaceOne(Filters.eq("_id", PREFIX + sink.name()), new BsonDocument("_id", new BsonString(PREFIX + sink.name()))
                        .append("sink", new BsonString(sink.name()))
                        .append("projections", projections)
                        .append("canRebuild", BsonBoolean.valueOf(sink.canRebuild()))
                        .append("seenAt", new BsonDateTime(sink.seenAt().toEpochMilli())),
                new ReplaceOptions().upsert(true));
    }

    /** Every sink that ever ran against this database, by name. */
    public List<Sink> sinks() {
        List<Sink> sinks = new ArrayList<>();
        for (BsonDocument document : collection.find(Filters.regex("_id", "^" + PREFIX)).sort(Sorts.ascending("_id"))) {
            sinks.add(new Sink(document.getString("sink").getValue(),
                    document.getArray("projections").stream().map(BsonValue::asString).map(BsonString::getValue).toList(),
                    document.getBoolean("canRebuild").getValue(), Instant.ofEpochMilli(document.getDateTime("seenAt").getValue())));
        }
        return sinks;
    }

    /**
     * One sink as its task last described it.
     *
     * @param name       the connector's name, which also scopes its row states, projection time and horizon
     * @param canRebuild whether it has a source connection, without which it refuses rebuilds and repairs
     */
    public record Sink(String name, List<String> projections, boolean canRebuild, Instant seenAt) {

        public Sink {
            projections = List.copyOf(projections);
        }
    }
}
