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
 * <p>Not thread-safe: one capture thread feeds it.
 */
public final class Projector {

    private final BatchProjector batchProjector;
    private final RowStates states;
    private final ProjectionStore store;
    private final Clock clock;
    private final Duration markerGrace;
    private final ProjectorStats stats;

    public Projector(ProjectionPlan plan, RowStates states, ProjectionStore store, Clock clock, Duration markerGrace,
                     ProjectorStats stats) {
        this.batchProjector = new BatchProjector(plan, states, clock);
        this.states = states;
        this.store = store;
        this.clock = clock;
        this.markerGrace = markerGrace;
        this.stats = stats;
    }

    /** Projects a batch and returns once its writes are acknowledged. */
    public void accept(List<Change> changes) {
        accept(changes, List.of());
    }

    /**
     * Projects a batch and returns once its writes are acknowledged, together with dead letters for
     * input the capture side could not read, so that those are as durable as the batch around them.
     */
    public void accept(List<Change> changes, List<DeadLetter> unreadable) {
        // Expired markers leave with this batch's state changes, so their removal is durable too.
        int expired = states.expireMarkers(clock.instant().minus(markerGrace));
        ProjectionBatch projected = batchProjector.project(changes);
        ProjectionBatch batch = unreadable.isEmpty() ? projected : projected.withDeadLetters(unreadable);
        store.write(batch);
        stats.record(batch, expired, lastCommitTime(changes), clock.instant());
    }

    private static Instant lastCommitTime(List<Change> changes) {
        return changes.isEmpty() ? null : changes.get(changes.size() - 1).commitTime();
    }
}
