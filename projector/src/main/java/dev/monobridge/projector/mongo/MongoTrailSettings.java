package dev.monobridge.projector.mongo;

import java.time.Duration;
import java.util.Objects;

/**
 * How much trail the bridge keeps ({@link MongoTrailWriter}): the last {@code perDocument} changes of each
 * document and of each source row, each trail kept until {@code keep} after its last change, and at most
 * {@code maxTrails} trails in all (documents and rows together).
 *
 * @param perDocument entries per document and per row; 0 turns the trail off
 * @param keep        how long a trail outlives its last change
 * @param maxTrails   trails (one per document or row) kept at most; the oldest go first
 */
public record MongoTrailSettings(int perDocument, Duration keep, long maxTrails) {

    /**
     * Ten changes per document and per row: enough to see the last few updates of a price that moves
     * all day, and at about 250 bytes an entry (measured: docs/trace.md) some 2.5 KB per trail.
     */
    public static final int DEFAULT_PER_DOCUMENT = 10;
    /** A week: a document that looked wrong on Friday can still be traced on Monday. */
    public static final Duration DEFAULT_KEEP = Duration.ofDays(7);
    /** Half a million trails, about 1.2 GB at the default length: the trail's share of MongoDB stays bounded. */
    public static final long DEFAULT_MAX_TRAILS = 500_000;

    public static final MongoTrailSettings DEFAULT = new MongoTrailSettings(DEFAULT_PER_DOCUMENT, DEFAULT_KEEP, DEFAULT_MAX_TRAILS);
    public static final MongoTrailSettings OFF = new MongoTrailSettings(0, DEFAULT_KEEP, DEFAULT_MAX_TRAILS);

    public MongoTrailSettings {
        Objects.requireNonNull(keep, "keep");
        if (perDocument < 0) {
            throw new IllegalArgumentException("trace.per-document is 0 (off) or more, not " + perDocument);
        }
        if (keep.isNegative() || keep.isZero()) {
            throw new IllegalArgumentException("a trail is kept for a positive time, not " + keep);
        }
        if (maxTrails < 1) {
            throw new IllegalArgumentException("trace.max-trails is 1 or more, not " + maxTrails);
        }
    }

    public boolean enabled() {
        return perDocument > 0;
    }
}
