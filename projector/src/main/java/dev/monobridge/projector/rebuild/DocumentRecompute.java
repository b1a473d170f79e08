package dev.monobridge.projector.rebuild;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.BatchProjector;
import dev.monobridge.projector.core.DocumentWrite;
import dev.monobridge.projector.core.ProjectionBatch;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.core.RowStates;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * What one document should hold, recomputed from the source, read only: the single-document repair's
 * read ({@link DocumentRows}: the root row by key, then each list level by the keys above) in one
 * consistent snapshot, projected by the same core into a throwaway projector whose row states live in
 * the heap and die with it. Nothing is written anywhere, and the bridge's projector and its row states
 * are not touched, so that checking a document can never change it.
 */
public final class DocumentRecompute {

    /** A document's rows are few (its lists are bounded), so one chunk holds a level. */
    private static final int CHUNK = 2048;

    private final SourceSnapshots snapshots;
    private final Clock clock;

    public DocumentRecompute(SourceSnapshots snapshots, Clock clock) {
        this.snapshots = snapshots;
        this.clock = clock;
    }

    /**
     * The document of {@code documentId} as the definition gives it from the source now, rendered at the
     * projection time {@code asOf} (the live documents' own, so that retention cuts the same entries).
     *
     * @param lastApplied the newest position the bridge has applied, noted just before (what a snapshot
     *                    that cannot read its own log position derives its position from)
     */
    public Recomputed recompute(ProjectionDefinition definition, Object documentId, Instant asOf, SourcePosition lastApplied)
            throws SQLException {
        ProjectionPlan plan = new ProjectionPlan(List.of(definition));
        BatchProjector scratch = new BatchProjector(plan, new RowStates(plan.parentKeyColumns()), clock, asOf, SourcePosition.ZERO);
        List<Change> reads = new ArrayList<>();
        SourceSnapshot reader = snapshots.open(lastApplied);
        SourcePosition position;
        try (reader) {
            position = reader.position();
            Instant now = clock.instant();
            new DocumentRows(reader, plan::columnsRead, CHUNK, () -> false).read(definition.root(), documentId, (table, key, rows) -> {
                for (Map<String, Object> row : rows) {
                    reads.add(new Change(table, Op.READ, RowKey.of(key, row.get(key)), null, row, position, now, null));
                }
            });
        }
        scratch.project(reads, asOf, false);
        ProjectionBatch batch = scratch.rewrite(definition, List.of(RowKey.of(definition.root().key(), documentId)), position);
        Predicate<SourcePosition> passed = reader::streamHasPassed;
        if (!batch.deadLetters().isEmpty()) {
            return new Recomputed(Optional.empty(), false, reads.size(), passed);
        }
        Optional<Map<String, Object>> content = batch.writes().stream()
                .filter(DocumentWrite.Replace.class::isInstance).map(w -> ((DocumentWrite.Replace) w).content()).findFirst();
        return new Recomputed(content, true, reads.size(), passed);
    }

    /**
     * @param document   the document's content (without {@code _id} and {@code _meta}); empty when the source
     *                   gives no document (its root row is gone, or does not match the filter)
     * @param fits       false when the document cannot fit its byte budget even with empty lists: then no
     *                   version is written by the bridge either (it is a dead letter), and there is nothing to compare
     * @param rowsRead   rows read from the source for it
     * @param streamHasPassed whether the change stream, having applied up to a position, has passed every change
     *                   the snapshot saw (see {@link SourceSnapshot#streamHasPassed}); it reads only what the
     *                   snapshot noted when it was opened, so it may be asked after the snapshot closed
     */
    public record Recomputed(Optional<Map<String, Object>> document, boolean fits, int rowsRead,
                             Predicate<SourcePosition> streamHasPassed) {
    }
}
