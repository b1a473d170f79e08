package dev.monobridge.projector.core;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Running totals of what the projector did, readable from any thread: for the demo's progress line,
 * {@code status}, and tests.
 */
public final class ProjectorStats {

    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong stale = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong expiredMarkers = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong trimmed = new AtomicLong();
    private final AtomicLong stateQueries = new AtomicLong();
    private final AtomicLong rowStatesLoaded = new AtomicLong();
    private final AtomicLong trailEntries = new AtomicLong();
    private final AtomicLong trailWrites = new AtomicLong();
    private final AtomicLong trailWriteFailures = new AtomicLong();
    private final AtomicReference<Duration> lastLag = new AtomicReference<>(Duration.ZERO);
    private final AtomicInteger batchesToProject = new AtomicInteger();
    private final AtomicInteger batchesToWrite = new AtomicInteger();
    private final Conditions conditions = new Conditions();

    void record(ProjectionBatch batch, int expired, Instant lastCommit, Instant acknowledged) {
        batches.incrementAndGet();
        changes.addAndGet(batch.counts().changes());
        applied.addAndGet(batch.counts().applied());
        stale.addAndGet(batch.counts().stale());
        writes.addAndGet(batch.writes().size());
        deadLetters.addAndGet(batch.deadLetters().size());
        expiredMarkers.addAndGet(expired);
        trimmed.addAndGet(batch.counts().trimmed());
        if (lastCommit != null) {
            lastLag.set(Duration.between(lastCommit, acknowledged));
        }
    }

    /** One query to the row-state store, and the row states it brought into the heap. */
    public void stateQuery(int rowsLoaded) {
        stateQueries.incrementAndGet();
        rowStatesLoaded.addAndGet(rowsLoaded);
    }

    /** A batch's trail written: its entries, in one bulk write. */
    public void trailWritten(int entries) {
        trailWrites.incrementAndGet();
        trailEntries.addAndGet(entries);
    }

    /** A batch's trail that could not be written (its documents were): those entries are lost, nothing else. */
    public void trailWriteFailed() {
        trailWriteFailures.incrementAndGet();
    }

    /** Trail entries written, over documents and rows. */
    public long trailEntries() {
        return trailEntries.get();
    }

    /** Bulk writes of trail entries: one per batch that had any. */
    public long trailWrites() {
        return trailWrites.get();
    }

    /** Batches whose trail could not be written. */
    public long trailWriteFailures() {
        return trailWriteFailures.get();
    }

    /** Queries to the row-state store: what a batch's reads cost in round trips. */
    public long stateQueries() {
        return stateQueries.get();
    }

    /** Row states read from the store into the heap, start-up included. */
    public long rowStatesLoaded() {
        return rowStatesLoaded.get();
    }

    /** What is wrong right now; empty while all is well. */
    public Conditions conditions() {
        return conditions;
    }

    public long changes() {
        return changes.get();
    }

    public long applied() {
        return applied.get();
    }

    public long stale() {
        return stale.get();
    }

    public long documentWrites() {
        return writes.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    public long expiredMarkers() {
        return expiredMarkers.get();
    }

    /** List entries left out of written documents to keep them within their byte budget. */
    public long trimmedEntries() {
        return trimmed.get();
    }

    public long batches() {
        return batches.get();
    }

    /**
     * Batches the capture has handed to the {@link ProjectorPipeline} that the write stage has not taken
     * yet: waiting to be projected, being projected, or projected and waiting for room. 0 without a pipeline.
     */
    public int batchesToProject() {
        return batchesToProject.get();
    }

    /**
     * Store operations the pipeline's writer holds: batches projected and waiting to be written, and the one
     * being written (a timer's or a rebuild's operation counts too). 0 without a pipeline.
     */
    public int batchesToWrite() {
        return batchesToWrite.get();
    }

    void batchesToProject(int held) {
        batchesToProject.set(held);
    }

    void batchesToWrite(int held) {
        batchesToWrite.set(held);
    }

    /** From the source commit of the last change in the last batch to MongoDB's acknowledgement. */
    public Duration lastLag() {
        return lastLag.get();
    }
}
