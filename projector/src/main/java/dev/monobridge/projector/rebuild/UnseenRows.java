package dev.monobridge.projector.rebuild;

import org.slf4j.Logger;

/**
 * What a rebuild says of rows the projector remembers and its snapshot lacks. Either way they go, because
 * the snapshot is what the source holds. Only when the stream has already passed the snapshot was their
 * delete missed, which is worth a warning (offsets lost or restored, a slot recreated); otherwise the
 * stream simply has not reached the deletes yet, and they will arrive as harmless stale changes.
 */
record UnseenRows(boolean missed, String message) {

    static UnseenRows note(String projection, String table, int rows, boolean streamHasPassed) {
        return streamHasPassed
                ? new UnseenRows(true, "Rebuild of " + projection + ": " + rows + " rows of " + table
                        + " were deleted in the source without the bridge seeing it")
                : new UnseenRows(false, "Rebuild of " + projection + ": " + rows + " rows of " + table
                        + " were deleted in the source after the position the stream has reached; removed now, ahead of their deletes");
    }

    void log(Logger log) {
        if (missed) {
            log.warn(message);
        } else {
            log.info(message);
        }
    }
}
