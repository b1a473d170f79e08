package dev.monobridge.projector.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.monobridge.projector.change.Change;

/**
 * The projector's entry point: changes in, durable document writes out. Capture adapters call
 * {@link #accept(List)} with each batch, and commit the source offsets of that batch only after it
 * returns.
 *
 * <p>Thread-safe: the capture thread feeds it, and a timer {@link #advanceTime() advances} its time. A
 * batch that fails to store leaves it unusable (every later call throws), because its remembered
 * states have moved ahead of storage; re-open it from storage.
 */
public final class Projector implements ChangeSink {

    private final BatchProjector batchProjector;
    private final RowStates states;
    private final ProjectionStore store;
    private final Clock clock;
    private final Duration markerGrace;
    private final ProjectorStats stats;
    private boolean failed;

    /** How far the projection time may lag the clock; retention takes effect within this. */
    static final Duration TIME_STEP = Duration.ofSeconds(1);

    /** A projector whose projection time starts now. */
    public Projector(ProjectionPlan plan, RowStates states, ProjectionStore store, Clock clock, Duration markerGrace,
                     ProjectorStats stats) {
        this(plan, states, store, clock, markerGrace, stats, clock.instant());
    }

    /**
     * @param asOf the projection time the stored documents were rendered at, as last made durable
     */
    public Projector(ProjectionPlan plan, RowStates states, ProjectionStore store, Clock clock, Duration markerGrace,
                     ProjectorStats stats, Instant asOf) {
        this.batchProjector = new BatchProjector(plan, states, clock, asOf);
        this.states = states;
        this.store = store;
        this.clock = clock;
        this.markerGrace = markerGrace;
        this.stats = stats;
    }

    /** Projects a batch and returns once its writes are acknowledged. */
    public synchronized void accept(List<Change> changes) {
        accept(changes, List.of());
    }

    /**
     * Projects a batch and returns once its writes are acknowledged, together with dead letters for
     * input the capture side could not read, so that those are as durable as the batch around them.
     */
    @Override
    public synchronized void accept(List<Change> changes, List<DeadLetter> unreadable) {
        if (failed) {
            // The remembered states moved ahead of what was stored when the failed batch was projected:
            // offered again, its changes would look stale and be dropped. Only a projector re-opened
            // from storage may go on.
            throw new IllegalStateException("an earlier batch failed to store; re-open the projector to reload its state");
        }
        try {
            Instant now = clock.instant();
            // Expired markers leave with this batch's state changes, so their removal is durable too.
            int expired = states.expireMarkers(now.minus(markerGrace));
            // Time advances in steps: each step scans the rows under a retention rule.
            Instant asOf = Duration.between(batchProjector.asOf(), now).compareTo(TIME_STEP) >= 0 ? now : batchProjector.asOf();
            ProjectionBatch projected = batchProjector.project(changes, asOf);
            ProjectionBatch batch = unreadable.isEmpty() ? projected : projected.withDeadLetters(unreadable);
            store.write(batch);
            stats.record(batch, expired, lastCommitTime(changes), clock.instant());
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Moves the projection time to now when no changes arrive, so that entries whose retention ran
     * out leave their documents on time even on a quiet source.
     */
    public void advanceTime() {
        accept(List.of(), List.of());
    }

    /** The projection time the documents are rendered at. */
    public synchronized Instant asOf() {
        return batchProjector.asOf();
    }

    private static Instant lastCommitTime(List<Change> changes) {
        return changes.isEmpty() ? null : changes.get(changes.size() - 1).commitTime();
    }
}
