package dev.monobridge.connector.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.RawBsonDocument;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;

/**
 * The sizes of a projection's documents, as MongoDB stores them (BSON bytes), from a random sample:
 * the whole collection when it is small. {@code $bsonSize} would do this on the server, but the
 * in-process server lacks it; reading the raw bytes works on both.
 *
 * @param sampled how many documents were measured
 * @param budget  the definition's byte budget ({@code max-bytes})
 */
record DocumentSizes(int sampled, long p50, long p99, long max, long budget, Instant at, List<Integer> sizes) {

    static DocumentSizes sample(MongoCollection<RawBsonDocument> collection, int most, long budget, Instant at) {
        List<Integer> sizes = new ArrayList<>();
        Iterable<RawBsonDocument> documents = collection.estimatedDocumentCount() > most
                ? collection.aggregate(List.of(Aggregates.sample(most)))
                : collection.find().limit(most);
        for (RawBsonDocument document : documents) {
            sizes.add(document.getByteBuffer().remaining());
        }
        sizes.sort(null);
        return new DocumentSizes(sizes.size(), percentile(sizes, 0.50), percentile(sizes, 0.99),
                sizes.isEmpty() ? 0 : sizes.get(sizes.size() - 1), budget, at, List.copyOf(sizes));
    }

    /** The nearest-rank percentile; 0 for no sizes. */
    static long percentile(List<Integer> sorted, double fraction) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(fraction * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
    }
}
