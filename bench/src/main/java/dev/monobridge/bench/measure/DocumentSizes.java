package dev.monobridge.bench.measure;

import java.util.Arrays;
import java.util.List;

import org.bson.RawBsonDocument;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;

/** Sizes of documents as MongoDB stores them (their BSON bytes), read through the harness's client. */
public record DocumentSizes(int documents, long p50, long p99, long max) {

    public static final DocumentSizes NONE = new DocumentSizes(0, 0, 0, 0);

    /** The sizes of at most {@code limit} documents per collection, all collections together. */
    public static DocumentSizes of(MongoDatabase database, List<String> collections, int limit) {
        long[] sizes = new long[64];
        int count = 0;
        for (String collection : collections) {
            try (MongoCursor<RawBsonDocument> cursor = database.getCollection(collection, RawBsonDocument.class)
                    .find().limit(limit).batchSize(Math.min(limit, 1000)).iterator()) {
                while (cursor.hasNext()) {
                    if (count == sizes.length) {
                        sizes = Arrays.copyOf(sizes, sizes.length * 2);
                    }
                    sizes[count++] = cursor.next().getByteBuffer().remaining();
                }
            }
        }
        if (count == 0) {
            return NONE;
        }
        long[] sorted = Arrays.copyOf(sizes, count);
        Arrays.sort(sorted);
        return new DocumentSizes(count, rank(sorted, 0.5), rank(sorted, 0.99), sorted[count - 1]);
    }

    private static long rank(long[] sorted, double quantile) {
        return sorted[Math.max(0, (int) Math.ceil(quantile * sorted.length) - 1)];
    }
}
