package dev.monobridge.projector.core;

import java.util.List;

/**
 * What one batch of changes amounts to: the document writes, the row states to make durable after
 * them, the changes that could not be applied, counts for metrics, the projection time the
 * documents were rendered at (to be made durable with them), and the trail entries of its changes.
 */
public record ProjectionBatch(
        List<DocumentWrite> writes,
        RowStateStore.StateChanges stateChanges,
        List<DeadLetter> deadLetters,
        Counts counts,
        java.time.Instant asOf,
        BatchTrail trail) {

    public ProjectionBatch {
        writes = List.copyOf(writes);
        deadLetters = List.copyOf(deadLetters);
        java.util.Objects.requireNonNull(trail, "trail");
    }

    /** A batch that leaves no trail (a rebuild's, or one projected with tracing off). */
    public ProjectionBatch(List<DocumentWrite> writes, RowStateStore.StateChanges stateChanges, List<DeadLetter> deadLetters,
                           Counts counts, java.time.Instant asOf) {
        this(writes, stateChanges, deadLetters, counts, asOf, BatchTrail.EMPTY);
    }

    /** The same batch with more dead letters, received from before projection. */
    public ProjectionBatch withDeadLetters(List<DeadLetter> more) {
        List<DeadLetter> all = new java.util.ArrayList<>(more);
        all.addAll(deadLetters);
        return new ProjectionBatch(writes, stateChanges, all, counts, asOf, trail);
    }

    /**
     * @param applied     changes that changed a row's remembered state
     * @param unchanged   changes that left every column a projection reads as it was
     * @param stale       changes ignored because the row already reflects that position or a later one
     * @param unprojected changes to tables no projection reads
     * @param trimmed     list entries left out of written documents to keep them within max-bytes
     */
    public record Counts(int changes, int applied, int unchanged, int stale, int unprojected, int trimmed) {
    }
}
