package dev.monobridge.projector.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** How far a rebuild has come, readable from any thread while it runs. */
public final class RebuildProgress {

    /** Where a rebuild stands. */
    public enum Phase {
        SNAPSHOT, RENDER, SWAP, DONE, CANCELLED, FAILED;

        public boolean isFinished() {
            return this == DONE || this == CANCELLED || this == FAILED;
        }
    }

    private final String projection;
    private final Object documentKey;
    private final Clock clock;
    private final Instant startedAt;
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicLong rowsEstimated = new AtomicLong();
    private final AtomicLong documentsWritten = new AtomicLong();
    private volatile Phase phase = Phase.SNAPSHOT;
    private volatile Instant finishedAt;
    private volatile String error;

    RebuildProgress(String projection, Object documentKey, Clock clock) {
        this.projection = projection;
        this.documentKey = documentKey;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    void estimate(long rows) {
        rowsEstimated.addAndGet(rows);
    }

    void read(long rows) {
        rowsRead.addAndGet(rows);
    }

    void wrote(long documents) {
        documentsWritten.addAndGet(documents);
    }

    void enter(Phase next) {
        phase = next;
        if (next.isFinished()) {
            finishedAt = clock.instant();
        }
    }

    void fail(String reason) {
        error = reason;
        enter(Phase.FAILED);
    }

    /** A consistent copy of the figures, with rates and an estimate of the time left. */
    public Snapshot snapshot() {
        Instant end = finishedAt == null ? clock.instant() : finishedAt;
        double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        long read = rowsRead.get();
        long estimated = Math.max(rowsEstimated.get(), read);
        double rowsPerSecond = read / seconds;
        Duration eta = phase.isFinished() || rowsPerSecond == 0 ? Duration.ZERO
                : Duration.ofSeconds((long) ((estimated - read) / rowsPerSecond));
        return new Snapshot(projection, documentKey, phase, read, estimated, documentsWritten.get(), rowsPerSecond,
                documentsWritten.get() / seconds, eta, startedAt, finishedAt, error);
    }

    /**
     * The figures at one moment.
     *
     * @param documentKey the one document being rebuilt, or {@code null} for the whole projection
     */
    public record Snapshot(String projection, Object documentKey, Phase phase, long rowsRead, long rowsEstimated,
                           long documentsWritten, double rowsPerSecond, double documentsPerSecond, Duration eta,
                           Instant startedAt, Instant finishedAt, String error) {

        /** Percent of the estimated rows read so far. */
        public int percent() {
            if (phase == Phase.DONE) {
                return 100;
            }
            return rowsEstimated == 0 ? 0 : (int) Math.min(99, 100 * rowsRead / rowsEstimated);
        }
    }
}
