package dev.monobridge.projector.rebuild;

import java.util.List;

/**
 * Where a rebuild records that it is filling a shadow collection, so that after a crash the bridge
 * knows which shadows are incomplete by a record and not by a collection's name: a shadow is dropped
 * at start-up only when its rebuild began and never ended.
 *
 * <p>Lifecycle of one record: {@link #begin} before the shadow gets its first document, {@link #end}
 * once the shadow is gone (renamed over the live collection, or dropped). A record still there when a
 * bridge starts belongs to a rebuild that a crash or a kill interrupted.
 */
public interface RebuildJournal {

    /**
     * Starts a shadow: makes it empty (a collection of that name can only be a shadow left from before
     * records were kept, since no projection may use such a name) and records, durably, that a rebuild of
     * the projection is filling it.
     */
    void begin(String projection, String shadowCollection);

    /** Removes the shadow's record: it has been swapped in or dropped. */
    void end(String shadowCollection);

    /** The shadows whose rebuild began and did not end. */
    List<String> unfinished();
}
