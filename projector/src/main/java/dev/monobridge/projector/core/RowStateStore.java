package dev.monobridge.projector.core;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;

/**
 * The projector's memory of live source rows (and unexpired delete markers), by key and by the
 * parent-key columns that projections join on. A port: {@link RowStates} keeps it all in the heap (the
 * model, for unit and golden tests); an adapter keeps it in a store bounded by disk, with a bounded
 * cache in the heap (docs/state-store.md).
 *
 * <p>Reads see every {@link #put} at once, whether or not it has been made durable yet. What changed
 * since the last {@link #takeChanges()} is handed over by it, and written by the caller after the
 * documents those changes produced. Size follows the number of live source rows, never the history of
 * changes: an update replaces a row's state, and a delete marker is dropped once it
 * {@link #expireMarkers(Instant) expires}.
 *
 * <p>Scans over a whole table return keys or a window of rows, never need the whole table in the heap,
 * and merge what is not yet durable.
 */
public interface RowStateStore {

    /** Indexes the table's rows by one more parent-key column, for a definition that joins on it. */
    void ensureIndex(String table, String column);

    /**
     * A hint: these rows are about to be read. An implementation that has to ask a slower store asks
     * for all of them at once; one that holds everything does nothing. Reads are right without it.
     */
    void preload(Collection<RowId> ids);

    /** A hint, as {@link #preload}: the live rows of the table whose column holds one of these values. */
    void preloadChildren(String table, String column, Collection<Object> values);

    /**
     * A moment when nothing read so far has to stay in memory: the start of a batch, or between chunks
     * of a whole-projection rendering. A store with a bounded cache may drop what it can read again.
     */
    void trim();

    /** The row's state, a delete marker, or {@code null} when nothing is remembered of it. */
    RowState get(RowId id);

    /** Live rows of a table whose column holds the value. */
    List<RowState> children(String table, String column, Object value);

    /** The keys of the table's live rows: a projection's roots. */
    List<RowKey> liveKeys(String table);

    /** The keys of the table's live rows whose last change is before the position (truncates, snapshot ends). */
    List<RowKey> liveKeysBefore(String table, SourcePosition before);

    /** Live rows of the table whose column holds an instant in {@code (from, to]}: retention's time step. */
    List<RowState> liveRowsWithin(String table, String column, Instant from, Instant to);

    /** Records a row's new state, to be made durable by the next {@link #takeChanges()}. */
    void put(RowState state);

    /**
     * Moves a live row's position forward, for a change that left every remembered value as it was.
     * The documents do not change; a restart that finds the older position is safe, because a replayed
     * change from in between carries the same values.
     */
    void advance(RowId id, SourcePosition position);

    /**
     * Drops delete markers made before the cutoff. A marker only has to outlive the changes that could
     * still arrive out of order, so after the grace period it is noise that would otherwise accumulate.
     *
     * @return how many markers were dropped
     */
    int expireMarkers(Instant cutoff);

    /**
     * Records that the table was truncated at the position: every change of the table at or before it
     * is stale from now on, whatever row it names ({@link #truncatedAt}). Made durable by the next
     * {@link #takeChanges()}, with the row states; never moves back.
     */
    void markTruncated(String table, SourcePosition position);

    /**
     * The position of the table's newest truncate, as last made durable or marked since, or
     * {@link SourcePosition#ZERO} when it was never truncated. A table-wide marker, because a truncate
     * names no rows: an older insert of a row it never saw (on Kafka Connect, from another partition of
     * the table's topic, arriving after the truncate) finds no row marker to be stale against.
     */
    SourcePosition truncatedAt(String table);

    /**
     * The store was found to hold something newer than what this projector read: another writer (a
     * zombie task, or its successor) wrote it. What was read is forgotten, so that the next reads see
     * the store as it is; what is not yet durable stays. A store that is the only copy (the in-heap
     * model, one writer) does nothing.
     */
    void forgetReads();

    /** Hands over, and forgets, what changed since the last call. */
    StateChanges takeChanges();

    /**
     * Since the last hand-over: row states to write whole, expired markers to remove, and rows whose
     * values stayed as they were and whose position alone moved on ({@link #advance}), for a store that
     * keeps positions durable; only the position needs writing for those; and the tables' truncate
     * markers set since ({@link #markTruncated}).
     */
    record StateChanges(List<RowState> written, List<RowId> removed, List<RowState> advanced,
                        Map<String, SourcePosition> truncated) {

        public StateChanges {
            truncated = Map.copyOf(truncated);
        }

        /** Changes with no position-only moves and no truncates. */
        public StateChanges(List<RowState> written, List<RowId> removed) {
            this(written, removed, List.of(), Map.of());
        }

        public boolean isEmpty() {
            return written.isEmpty() && removed.isEmpty() && advanced.isEmpty() && truncated.isEmpty();
        }
    }
}
