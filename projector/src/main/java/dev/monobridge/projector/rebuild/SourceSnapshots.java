package dev.monobridge.projector.rebuild;

import java.sql.SQLException;

import dev.monobridge.projector.change.SourcePosition;

/**
 * Where a rebuild reads the source from: one consistent snapshot at a time. Each source adapter
 * supplies one (the database's own SQL for a repeatable read, its row estimates, its way of matching
 * a list of keys), so that rebuilds name no database.
 */
@FunctionalInterface
public interface SourceSnapshots {

    /**
     * Opens a snapshot of the source as of now.
     *
     * @param lastApplied the newest position the projector has applied, noted just before the call: a
     *                    source that cannot read its log position inside the snapshot derives the
     *                    snapshot's position from it
     */
    SourceSnapshot open(SourcePosition lastApplied) throws SQLException;
}
