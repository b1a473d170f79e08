package dev.monobridge.connector.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoInterruptedException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;

import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoProjectionStore;

/**
 * Takes the bridge's figures on a timer, on one thread, so that the dashboard, the status endpoint and
 * the metrics read a recent copy instead of each querying MongoDB and PostgreSQL:
 * <ul>
 *   <li>every {@value #INTERVAL_SECONDS} s, a {@link Sample} (kept for the last ten minutes, for the
 *       dashboard's charts): changes, lag, dead letters, source lag, and per projection its documents
 *       and recent writes;</li>
 *   <li>every {@value #DETAIL_INTERVAL_SECONDS} s, per projection, the {@link DocumentSizes sizes} of up
 *       to {@value #SIZE_SAMPLE} documents, its dead letters and the newest one's reason.</li>
 * </ul>
 * A failing read is logged once until it works again; the figures it would have given keep their last
 * value.
 */
final class BridgeSampler {

    static final int INTERVAL_SECONDS = 2;
    static final int DETAIL_INTERVAL_SECONDS = 10;
    static final int HISTORY_SIZE = 300;
    static final int SIZE_SAMPLE = 200;
    private static final Logger LOG = LoggerFactory.getLogger(BridgeSampler.class);

    /** Told of every sample and every size sample, on the sampler's thread. */
    interface Listener {
        void sampled(Sample previous, Sample sample);

        void sized(String projection, DocumentSizes sizes);
    }

    private static final Listener NOBODY = new Listener() {
        @Override
        public void sampled(Sample previous, Sample sample) {
        }

        @Override
        public void sized(String projection, DocumentSizes sizes) {
        }
    };

    /**
     * What the slower sampling found about one projection.
     *
     * @param lastError the newest dead letter's reason, or {@code null}
     */
    record Details(DocumentSizes sizes, long deadLetters, String lastError, Instant lastErrorAt) {
    }

    private final BridgeView bridge;
    private final Clock clock;
    private volatile Listener listener = NOBODY;
    private final ArrayDeque<Sample> history = new ArrayDeque<>();
    private final Map<String, Details> details = new ConcurrentHashMap<>();
    private final Set<String> failing = new HashSet<>();
    private volatile Sample latest;
    private boolean sampledOnce;

    BridgeSampler(BridgeView bridge, Clock clock) {
        this.bridge = bridge;
        this.clock = clock;
        this.latest = Sample.empty(clock.instant());
    }

    /** Who is told of each sample; set before sampling starts. */
    void listen(Listener listener) {
        this.listener = listener;
    }

    Sample latest() {
        return latest;
    }

    /** The samples of the last ten minutes, oldest first. */
    synchronized List<Sample> history() {
        return new ArrayList<>(history);
    }

    /** The slower figures, by projection name. */
    Map<String, Details> details() {
        return Map.copyOf(details);
    }

    void sample() {
        Sample previous = latest;
        Instant now = clock.instant();
        ProjectorStats stats = bridge.stats();
        long changes = stats.changes();
        long batches = stats.batches();
        double seconds = Math.max(0.001, Duration.between(previous.at(), now).toMillis() / 1000.0);
        // The first sample has nothing to take a rate against.
        boolean first = !sampledOnce;
        sampledOnce = true;
        double rate = first ? 0 : Math.max(0, changes - previous.changes()) / seconds;
        long newBatches = batches - previous.batches();
        double meanBatch = newBatches > 0 ? (double) (changes - previous.changes()) / newBatches : 0;
        long deadLetters = attempt("count the dead letters", previous.deadLetters(), () ->
                bridge.database().getCollection(MongoProjectionStore.DEAD_LETTERS).countDocuments());
        long sourceLag = attempt("read how much log the source keeps", previous.sourceLagBytes(), bridge::sourceLagBytes);
        Map<String, Sample.Projection> projections = new LinkedHashMap<>();
        for (ProjectionDefinition projection : bridge.projections()) {
            Sample.Projection before = previous.projections().get(projection.name());
            projections.put(projection.name(), attempt("sample " + projection.name(), before,
                    () -> sampleProjection(projection, first ? null : previous.at(), seconds)));
        }
        Sample sample = new Sample(now, changes, rate, stats.lastLag().toMillis(), batches, meanBatch, deadLetters,
                sourceLag, bridge.captureStopped().orElse(null), projections);
        latest = sample;
        synchronized (this) {
            history.addLast(sample);
            while (history.size() > HISTORY_SIZE) {
                history.removeFirst();
            }
        }
        listener.sampled(previous, sample);
    }

    void sampleDetails() {
        MongoCollection<BsonDocument> deadLetters = bridge.database().getCollection(MongoProjectionStore.DEAD_LETTERS,
                BsonDocument.class);
        for (ProjectionDefinition projection : bridge.projections()) {
            attempt("measure the documents of " + projection.name(), null, () -> {
                DocumentSizes sizes = DocumentSizes.sample(bridge.database().getCollection(projection.collection(),
                        RawBsonDocument.class), SIZE_SAMPLE, projection.maxBytes(), clock.instant());
                long count = deadLetters.countDocuments(Filters.eq("projection", projection.name()));
                BsonDocument newest = count == 0 ? null : deadLetters.find(Filters.eq("projection", projection.name()))
                        .sort(Sorts.descending("at")).limit(1).first();
                details.put(projection.name(), new Details(sizes, count,
                        newest == null || !newest.isString("reason") ? null : newest.getString("reason").getValue(),
                        newest == null || !newest.isDateTime("at") ? null : Instant.ofEpochMilli(newest.getDateTime("at").getValue())));
                listener.sized(projection.name(), sizes);
                return null;
            });
        }
    }

    private Sample.Projection sampleProjection(ProjectionDefinition projection, Instant since, double seconds) {
        MongoCollection<BsonDocument> collection = bridge.database().getCollection(projection.collection(), BsonDocument.class);
        long documents = collection.estimatedDocumentCount();
        long written = since == null ? 0 : collection.countDocuments(Filters.gt("_meta.writtenAt", new BsonDateTime(since.toEpochMilli())));
        BsonDocument newest = collection.find().sort(Sorts.descending("_meta.writtenAt"))
                .projection(Projections.include("_meta.writtenAt")).limit(1).first();
        Instant lastWrite = newest != null && newest.get("_meta") instanceof BsonDocument meta && meta.isDateTime("writtenAt")
                ? Instant.ofEpochMilli(meta.getDateTime("writtenAt").getValue()) : null;
        return new Sample.Projection(documents, written / seconds, lastWrite);
    }

    private <T> T attempt(String what, T fallback, Supplier<T> read) {
        try {
            T value = read.get();
            if (failing.remove(what)) {
                LOG.info("The sampler can {} again", what);
            }
            return value;
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted() || e instanceof MongoInterruptedException) {
                // The server is stopping and interrupted the sample in flight: nothing is wrong.
                return fallback;
            }
            if (failing.add(what)) {
                LOG.warn("The sampler cannot {}: {}", what, e.getMessage());
            }
            return fallback;
        }
    }
}
