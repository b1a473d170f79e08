package dev.monobridge.projector.mongo;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

/**
 * Picks documents of a collection at random, by id: MongoDB's {@code $sample}, which real MongoDB answers
 * from a random cursor without reading the collection when the sample is small against it. Where the
 * server refuses it (the in-process server fails it now and then above a couple of hundred documents,
 * see ENVIRONMENT.md), a random offset in {@code _id} order per document instead: one indexed skip each,
 * right everywhere, dearer on a very large collection, so only the fallback.
 */
public final class MongoDocumentSample {

    private static final Logger LOG = LoggerFactory.getLogger(MongoDocumentSample.class);

    private final MongoDatabase database;
    private final RandomGenerator random;
    private volatile boolean sampleRefused;

    public MongoDocumentSample(MongoDatabase database, RandomGenerator random) {
        this.database = database;
        this.random = random;
    }

    /** Up to {@code count} distinct ids of the collection's documents, at random. */
    public List<BsonValue> ids(String collectionName, int count) {
        MongoCollection<BsonDocument> collection = database.getCollection(collectionName, BsonDocument.class);
        if (count <= 0) {
            return List.of();
        }
        if (!sampleRefused) {
            try {
                List<BsonValue> ids = new ArrayList<>();
                collection.aggregate(List.of(Aggregates.sample(count), Aggregates.project(Projections.include("_id"))))
                        .forEach(document -> ids.add(document.get("_id")));
                return List.copyOf(new LinkedHashSet<>(ids));
            } catch (MongoServerException e) {
                LOG.info("The server refused $sample ({}); the drift sampler picks documents by random offsets from now on",
                        e.getMessage());
                sampleRefused = true;
            }
        }
        return byOffsets(collection, count);
    }

    private List<BsonValue> byOffsets(MongoCollection<BsonDocument> collection, int count) {
        long size = collection.estimatedDocumentCount();
        Set<BsonValue> ids = new LinkedHashSet<>();
        for (int i = 0; i < count && size > 0; i++) {
            BsonDocument picked = collection.find().projection(Projections.include("_id")).sort(Sorts.ascending("_id"))
                    .skip((int) Math.min(Integer.MAX_VALUE, random.nextLong(size))).limit(1).first();
            if (picked != null) {
                ids.add(picked.get("_id"));
            }
        }
        return List.copyOf(ids);
    }
}
