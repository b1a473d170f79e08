package dev.monobridge.connector.drift;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import dev.monobridge.projector.mongo.MongoDocumentShape;

/**
 * The drift sampler's running totals since the bridge started, per projection: what {@code /metrics}, the
 * dashboard, {@code /admin/status} and {@code monobridge status} show. Thread-safe: the sampler's thread
 * counts, the HTTP threads read {@link #snapshot()}.
 */
public final class DriftFigures {

    /** Nothing sampled: a bridge without a sampler, or one that has not finished a round yet. */
    public static final DriftFigures NONE = new DriftFigures(List.of());

    private final Map<String, Counts> projections = new LinkedHashMap<>();
    private Instant lastRoundAt;
    private String lastError;
    private boolean on;

    public DriftFigures(List<String> projectionNames) {
        projectionNames.forEach(name -> projections.put(name, new Counts()));
    }

    /**
     * One projection's totals.
     *
     * @param checked  documents compared with the source
     * @param drifted  documents found to differ from the source, confirmed by a second look
     * @param repaired drifted documents handed to the single-document repair
     * @param moved    checks left undecided because the bridge wrote the document meanwhile (checked again later)
     * @param failed   checks that could not run (the source or MongoDB failed, a statement timed out)
     * @param shape    documents with a shape problem, by kind
     */
    public record Projection(long checked, long drifted, long repaired, long moved, long failed,
                             Map<MongoDocumentShape.Kind, Long> shape) {

        public Projection {
            shape = Map.copyOf(shape);
        }

        public long shape(MongoDocumentShape.Kind kind) {
            return shape.getOrDefault(kind, 0L);
        }
    }

    /** The figures at one moment; {@code lastRoundAt} is {@code null} before the first round. */
    public record Snapshot(boolean on, Instant lastRoundAt, String lastError, Map<String, Projection> projections) {

        public long drifted() {
            return projections.values().stream().mapToLong(Projection::drifted).sum();
        }

        public BsonDocument toBson() {
            BsonDocument byProjection = new BsonDocument();
            projections.forEach((name, p) -> {
                BsonDocument shape = new BsonDocument();
                for (MongoDocumentShape.Kind kind : MongoDocumentShape.Kind.values()) {
                    shape.append(kind.label(), new BsonInt64(p.shape(kind)));
                }
                byProjection.append(name, new BsonDocument("checked", new BsonInt64(p.checked()))
                        .append("drifted", new BsonInt64(p.drifted()))
                        .append("repaired", new BsonInt64(p.repaired()))
                        .append("moved", new BsonInt64(p.moved()))
                        .append("failed", new BsonInt64(p.failed()))
                        .append("shape", shape));
            });
            return new BsonDocument("on", org.bson.BsonBoolean.valueOf(on))
                    .append("lastRoundAt", lastRoundAt == null ? BsonNull.VALUE : new BsonDateTime(lastRoundAt.toEpochMilli()))
                    .append("lastError", text(lastError))
                    .append("drifted", new BsonInt64(drifted()))
                    .append("projections", byProjection);
        }

        private static BsonValue text(String text) {
            return text == null ? BsonNull.VALUE : new BsonString(text);
        }
    }

    synchronized void started() {
        on = true;
    }

    synchronized void checked(String projection) {
        counts(projection).checked++;
    }

    synchronized void drifted(String projection) {
        counts(projection).drifted++;
    }

    synchronized void repaired(String projection) {
        counts(projection).repaired++;
    }

    synchronized void moved(String projection) {
        counts(projection).moved++;
    }

    synchronized void failed(String projection, String reason) {
        counts(projection).failed++;
        lastError = reason;
    }

    synchronized void shape(String projection, MongoDocumentShape.Kind kind) {
        counts(projection).shape.merge(kind, 1L, Long::sum);
    }

    synchronized void roundDone(Instant at) {
        lastRoundAt = at;
    }

    public synchronized Snapshot snapshot() {
        Map<String, Projection> copy = new LinkedHashMap<>();
        projections.forEach((name, c) -> copy.put(name, new Projection(c.checked, c.drifted, c.repaired, c.moved, c.failed, c.shape)));
        return new Snapshot(on, lastRoundAt, lastError, copy);
    }

    private Counts counts(String projection) {
        return projections.computeIfAbsent(projection, p -> new Counts());
    }

    private static final class Counts {
        private long checked;
        private long drifted;
        private long repaired;
        private long moved;
        private long failed;
        private final Map<MongoDocumentShape.Kind, Long> shape = new EnumMap<>(MongoDocumentShape.Kind.class);
    }
}
