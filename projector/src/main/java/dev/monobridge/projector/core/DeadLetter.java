package dev.monobridge.projector.core;

import dev.monobridge.projector.change.Change;

/**
 * Something the projector could not apply, kept with the reason so that nothing is skipped silently:
 * either a change that could not be projected, or a document write the store refused.
 *
 * @param projection the projection concerned, or {@code null} when the change could not be routed
 * @param documentId the document concerned, or {@code null} when not known
 * @param change     the change as it arrived, or {@code null} for a refused write of several changes
 * @param reason     what was wrong, in words an operator can act on
 * @param raw        the input as received, when it could not even be read as a change; else {@code null}
 */
public record DeadLetter(String projection, Object documentId, Change change, String reason, String raw) {

    public static DeadLetter unprojectable(Change change, String reason) {
        return new DeadLetter(null, null, change, reason, null);
    }

    public static DeadLetter refusedWrite(DocumentWrite write, String reason) {
        return new DeadLetter(write.document().projection().name(), write.document().documentId(), null, reason, null);
    }

    /** Input from the capture side that could not be read as a change at all. */
    public static DeadLetter unreadable(String raw, String reason) {
        return new DeadLetter(null, null, null, reason, raw);
    }
}
