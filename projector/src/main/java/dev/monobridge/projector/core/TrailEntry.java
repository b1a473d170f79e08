package dev.monobridge.projector.core;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;

/**
 * One line of a trail: what one change did to one document, or to one source row (issue 17, "have we
 * seen this?"). Decided by the pure core ({@link BatchProjector}); the store adds when MongoDB
 * acknowledged it, and keeps the last few per document and per row.
 *
 * @param position   the change's source position
 * @param table      the changed row's table
 * @param op         what happened to the row
 * @param key        the row's key; {@code null} only for a truncate (which has none)
 * @param commitTime when the source transaction committed
 * @param txId       the source transaction's id, when the change carries one; else {@code null}
 * @param outcome    what the change did
 * @param paths      in a document's trail, the paths the batch's write to that document set or unset
 *                   (several changes of one batch share one write: each names all of its paths); at most
 *                   {@link #MAX_PATHS}, then a count of the rest. Empty in a row's trail.
 * @param documents  in a row's trail, the documents the row is in after the change; empty in a document's
 */
public record TrailEntry(SourcePosition position, String table, Op op, RowKey key, Instant commitTime, String txId,
                         Outcome outcome, List<String> paths, List<DocumentRef> documents) {

    /**
     * Paths named per entry, at most: a whole-list rewrite could name hundreds, and the trail must stay
     * small whatever the write (it must not be the next Boxing-Day document). The count of the rest is said.
     */
    public static final int MAX_PATHS = 20;
    /** What a whole-document write names instead of its paths. */
    public static final String WHOLE_DOCUMENT = "(whole document)";
    /** What a document delete names instead of paths. */
    public static final String DOCUMENT_DELETED = "(document deleted)";

    public TrailEntry {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(outcome, "outcome");
        paths = List.copyOf(paths);
        documents = List.copyOf(documents);
    }

    /** What a change did to a document or a row. */
    public enum Outcome {
        /** It changed the document (its paths say how), or the row's remembered state. */
        WROTE("wrote"),
        /** The row already reflects this position or a later one (a replay, or a late change): nothing changed. */
        STALE("no change: stale"),
        /**
         * It reached the document but left it as it was: a filter keeps the row out, or no column the
         * projection reads changed.
         */
        FILTERED("no change: filtered"),
        /** It could not be applied; the dead letters hold it with its reason. */
        DEAD_LETTER("no change: dead letter"),
        /**
         * Its write was refused by the position guards (P10): another writer (a task after a rebalance) had stored
         * a newer version. Decided by the store, which alone knows; the document is written whole when next touched.
         */
        SUPERSEDED("no change: a newer version was stored");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        /** How trails show it, and how the store keeps it. */
        public String text() {
            return text;
        }

        public static Outcome fromText(String text) {
            for (Outcome outcome : values()) {
                if (outcome.text.equals(text)) {
                    return outcome;
                }
            }
            throw new IllegalArgumentException("not a trail outcome: '" + text + "'");
        }
    }
}
