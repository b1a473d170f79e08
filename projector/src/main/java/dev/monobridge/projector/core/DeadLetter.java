package dev.monobridge.projector.core;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;

/**
 * Something the projector could not apply, kept with the reason so that nothing is skipped silently:
 * a change that could not be projected, input that could not even be read as a change, or a document
 * write the store refused or could not make. Each carries where it came from in the source (table, row
 * key, position) whenever that could be read, so that an operator can find the row.
 *
 * @param projection the projection concerned, or {@code null} when the change could not be routed
 * @param documentId the document concerned, or {@code null} when not known
 * @param change     the change as it arrived, or {@code null} for a refused write of several changes
 * @param reason     what was wrong, in words an operator can act on
 * @param raw        the input as received, when it could not even be read as a change; else {@code null}
 * @param table      the source table, when known
 * @param key        the source row's key, when known
 * @param position   the source position of the change (for a document, of the newest change to it), when known
 * @param kind       what went wrong, as a stable word; the store keeps one letter per document for
 *                   {@link Kind#OVER_BUDGET}, counting repeats, and one per occurrence for the others
 */
public record DeadLetter(String projection, Object documentId, Change change, String reason, String raw,
                         String table, RowKey key, SourcePosition position, Kind kind) {

    /** What went wrong. */
    public enum Kind {
        /** A change the projector could not apply. */
        UNPROJECTABLE,
        /** Input from the capture side that could not be read as a change. */
        UNREADABLE,
        /** A document write MongoDB refused. */
        REFUSED_WRITE,
        /** A document that cannot fit its byte budget: kept once per document while it lasts. */
        OVER_BUDGET;

        /** The stored name, {@code over-budget}. */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public DeadLetter(String projection, Object documentId, Change change, String reason, String raw) {
        this(projection, documentId, change, reason, raw,
                change == null ? null : change.table(), change == null ? null : change.key(),
                change == null ? null : change.position(),
                change != null ? Kind.UNPROJECTABLE : raw != null ? Kind.UNREADABLE : Kind.REFUSED_WRITE);
    }

    public static DeadLetter unprojectable(Change change, String reason) {
        return new DeadLetter(null, null, change, reason, null);
    }

    public static DeadLetter refusedWrite(DocumentWrite write, String reason) {
        return new DeadLetter(write.document().projection().name(), write.document().documentId(), null, reason, null,
                write.document().projection().root().table(), write.document().rootKey(), position(write), Kind.REFUSED_WRITE);
    }

    /** A document that cannot fit its byte budget, as of the newest change to it. */
    public static DeadLetter overBudget(DocumentRef document, SourcePosition position, String reason) {
        return new DeadLetter(document.projection().name(), document.documentId(), null, reason, null,
                document.projection().root().table(), document.rootKey(), position, Kind.OVER_BUDGET);
    }

    /** Input from the capture side that could not be read as a change at all. */
    public static DeadLetter unreadable(String raw, String reason) {
        return new DeadLetter(null, null, null, reason, raw);
    }

    /**
     * Input from the capture side that could not be read as a change, with whatever of its origin
     * could still be read (each may be {@code null}).
     */
    public static DeadLetter unreadable(String raw, String reason, String table, RowKey key, SourcePosition position) {
        return new DeadLetter(null, null, null, reason, raw, table, key, position, Kind.UNREADABLE);
    }

    private static SourcePosition position(DocumentWrite write) {
        if (write instanceof DocumentWrite.Replace replace) {
            return replace.meta().position();
        }
        if (write instanceof DocumentWrite.Update update) {
            return update.meta().position();
        }
        return null;
    }
}
