package dev.monobridge.projector.core;

import java.util.List;
import java.util.Map;

import dev.monobridge.projector.change.SourcePosition;

/**
 * A batch's trail entries, per document and per source row, each list oldest first and no longer than
 * the trail's length (the store keeps the last that many across batches too), and the newest position among
 * the batch's changes: how far the bridge has read, whether or not anything was written, so that a trace can
 * tell "not yet" from "never".
 *
 * @param reached the newest position of the batch's changes; {@link SourcePosition#ZERO} for none, or tracing off
 */
public record BatchTrail(Map<DocumentRef, List<TrailEntry>> documents, Map<RowId, List<TrailEntry>> rows, SourcePosition reached) {

    /** No entries: tracing is off. */
    public static final BatchTrail EMPTY = new BatchTrail(Map.of(), Map.of(), SourcePosition.ZERO);

    public BatchTrail {
        documents = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(documents));
        rows = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(rows));
        java.util.Objects.requireNonNull(reached, "reached");
    }

    /**
     * The same trail, with the entries that say they wrote these documents saying instead that a newer version was
     * stored: the store's position guards refused those writes ({@link ProjectionStore#write}).
     */
    public BatchTrail superseded(java.util.Set<DocumentRef> refused) {
        if (refused.isEmpty()) {
            return this;
        }
        Map<DocumentRef, List<TrailEntry>> marked = new java.util.LinkedHashMap<>(documents);
        refused.forEach(document -> marked.computeIfPresent(document, (d, entries) -> entries.stream()
                .map(e -> e.outcome() != TrailEntry.Outcome.WROTE ? e : new TrailEntry(e.position(), e.table(), e.op(), e.key(),
                        e.commitTime(), e.txId(), TrailEntry.Outcome.SUPERSEDED, List.of(), e.documents()))
                .toList()));
        return new BatchTrail(marked, rows, reached);
    }

    public boolean isEmpty() {
        return documents.isEmpty() && rows.isEmpty();
    }

    /** Entries in all, over documents and rows. */
    public int entries() {
        return documents.values().stream().mapToInt(List::size).sum() + rows.values().stream().mapToInt(List::size).sum();
    }
}
