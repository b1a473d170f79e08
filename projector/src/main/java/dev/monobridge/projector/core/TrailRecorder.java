package dev.monobridge.projector.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.TrailEntry.Outcome;

/**
 * Collects one batch's trail entries as its changes are applied, and at the end of the batch, once the
 * writes are known, says what each change did ({@link #finish}). Keeps at most the trail's length per
 * document and per row: a batch of ten thousand changes to one document remembers only its last few.
 * With a length of 0 tracing is off and every call does nothing.
 */
final class TrailRecorder {

    private final int length;
    private final Predicate<DocumentRef> traced;
    private final Map<DocumentRef, ArrayDeque<Pending>> documents = new LinkedHashMap<>();
    private final Map<RowId, ArrayDeque<PendingRow>> rows = new LinkedHashMap<>();

    /**
     * @param length entries kept per document and per row; 0 for none
     * @param traced the documents that have a trail (not a rebuild's shadow copies, which would repeat the live ones)
     */
    TrailRecorder(int length, Predicate<DocumentRef> traced) {
        if (length < 0) {
            throw new IllegalArgumentException("a trail's length is 0 (off) or more, not " + length);
        }
        this.length = length;
        this.traced = traced;
    }

    /** The change reached the document; what it did there is known when the batch's write to it is. */
    void reached(DocumentRef document, RowId row, Change change) {
        add(document, new Pending(change, row, null));
    }

    /** The change reached the document and did nothing to it, for a reason known now. */
    void quiet(DocumentRef document, RowId row, Change change, Outcome outcome) {
        add(document, new Pending(change, row, outcome));
    }

    /** What the change did to its row, known now. */
    void row(RowId row, Change change, Outcome outcome, List<DocumentRef> documents) {
        addRow(row, new PendingRow(change, outcome, List.of(), documents));
    }

    /**
     * The change was applied to its row's state: it wrote if it changed any document it reached (or the
     * row is in none yet, and only its state changed).
     *
     * @param reached the documents it was in before or is in after the change
     * @param after   the documents it is in after the change
     */
    void applied(RowId row, Change change, List<DocumentRef> reached, List<DocumentRef> after) {
        addRow(row, new PendingRow(change, null, reached, after));
    }

    private void add(DocumentRef document, Pending pending) {
        if (length == 0 || document == null || !traced.test(document)) {
            return;
        }
        ArrayDeque<Pending> entries = documents.computeIfAbsent(document, d -> new ArrayDeque<>());
        Pending last = entries.peekLast();
        if (last != null && last.change() == pending.change() && last.row().equals(pending.row())) {
            // A row that stays in its document is reached twice by one change (before and after): one entry.
            return;
        }
        entries.addLast(pending);
        if (entries.size() > length) {
            entries.removeFirst();
        }
    }

    private void addRow(RowId row, PendingRow pending) {
        if (length == 0 || pending.change().op() == Op.READ) {
            // A snapshot reads every row of the captured tables: a trail for each would be as large as the tables
            // (history, at the first start), far past any cap. The row's remembered state says it was read, and
            // at which position (MongoTrails#row); its documents' trails still show the read.
            return;
        }
        ArrayDeque<PendingRow> entries = rows.computeIfAbsent(row, r -> new ArrayDeque<>());
        entries.addLast(pending);
        if (entries.size() > length) {
            entries.removeFirst();
        }
    }

    /**
     * @param writes       the batch's write to each document it writes
     * @param deadLettered the documents whose new version went to the dead letters (over their byte budget)
     * @param reached      the newest position among the batch's changes
     */
    BatchTrail finish(Map<DocumentRef, DocumentWrite> writes, Set<DocumentRef> deadLettered, SourcePosition reached) {
        if (length == 0) {
            return BatchTrail.EMPTY;
        }
        Map<DocumentRef, List<TrailEntry>> documentTrails = new LinkedHashMap<>();
        documents.forEach((document, pending) -> {
            List<TrailEntry> entries = new ArrayList<>(pending.size());
            DocumentWrite write = writes.get(document);
            for (Pending p : pending) {
                Outcome outcome = p.outcome() != null ? p.outcome() : outcome(write, deadLettered.contains(document));
                List<String> paths = outcome == Outcome.WROTE && p.outcome() == null ? paths(write) : List.of();
                entries.add(entry(p.change(), p.row(), outcome, paths, List.of()));
            }
            documentTrails.put(document, entries);
        });
        Map<RowId, List<TrailEntry>> rowTrails = new LinkedHashMap<>();
        rows.forEach((row, pending) -> {
            List<TrailEntry> entries = new ArrayList<>(pending.size());
            for (PendingRow p : pending) {
                Outcome outcome = p.outcome() != null ? p.outcome() : rowOutcome(p.reached(), writes, deadLettered);
                entries.add(entry(p.change(), row, outcome, List.of(), p.documents()));
            }
            rowTrails.put(row, entries);
        });
        return new BatchTrail(documentTrails, rowTrails, reached);
    }

    private static Outcome outcome(DocumentWrite write, boolean deadLettered) {
        if (write != null) {
            return Outcome.WROTE;
        }
        return deadLettered ? Outcome.DEAD_LETTER : Outcome.FILTERED;
    }

    private static Outcome rowOutcome(List<DocumentRef> reached, Map<DocumentRef, DocumentWrite> writes, Set<DocumentRef> deadLettered) {
        if (reached.isEmpty() || reached.stream().anyMatch(writes::containsKey)) {
            return Outcome.WROTE;
        }
        return reached.stream().anyMatch(deadLettered::contains) ? Outcome.DEAD_LETTER : Outcome.FILTERED;
    }

    /** The paths a write names, at most {@link TrailEntry#MAX_PATHS} with the count of the rest. */
    static List<String> paths(DocumentWrite write) {
        if (write instanceof DocumentWrite.Replace) {
            return List.of(TrailEntry.WHOLE_DOCUMENT);
        }
        if (write instanceof DocumentWrite.Delete) {
            return List.of(TrailEntry.DOCUMENT_DELETED);
        }
        DocumentWrite.Update update = (DocumentWrite.Update) write;
        List<String> all = new ArrayList<>(update.sets().size() + update.unsets().size());
        update.sets().forEach(set -> all.add(set.path().toString()));
        update.unsets().forEach(unset -> all.add("unset " + unset));
        if (all.size() <= TrailEntry.MAX_PATHS) {
            return all;
        }
        List<String> kept = new ArrayList<>(all.subList(0, TrailEntry.MAX_PATHS - 1));
        kept.add("and " + (all.size() - kept.size()) + " more paths");
        return kept;
    }

    /** The row's own table and key: a truncate or a snapshot's end names a table (or all) and no key. */
    private static TrailEntry entry(Change change, RowId row, Outcome outcome, List<String> paths, List<DocumentRef> documents) {
        return new TrailEntry(change.position(), row.table(), change.op(), row.key(), change.commitTime(), change.txId(),
                outcome, paths, documents);
    }

    /** @param outcome {@code null} while it depends on the batch's write */
    private record Pending(Change change, RowId row, Outcome outcome) {
    }

    private record PendingRow(Change change, Outcome outcome, List<DocumentRef> reached, List<DocumentRef> documents) {
    }
}
