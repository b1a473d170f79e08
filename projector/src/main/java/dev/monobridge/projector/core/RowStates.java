package dev.monobridge.projector.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.Set;

import dev.monobridge.projector.change.RowKey;

/**
 * The projector's memory of live source rows (and unexpired delete markers), indexed by key and by
 * the parent-key columns that projections join on.
 *
 * <p>It is held in memory and made durable by an adapter: {@link #takeChanges()} hands over what
 * changed since the last call, which the adapter writes after the documents those changes produced.
 * Its size follows the number of live source rows, never the history of changes: an update replaces a
 * row's state, and a delete marker is dropped once it {@link #expireMarkers(Instant) expires}.
 */
public final class RowStates {

    private final Map<String, Map<RowKey, RowState>> rowsByTable = new HashMap<>();
    /** table → parent-key column → parent-key value → keys of live rows. */
    private final Map<String, Map<String, Map<Object, Set<RowKey>>>> parentIndex = new HashMap<>();
    private final Map<RowId, RowState> changed = new LinkedHashMap<>();
    private final Set<RowId> removed = new LinkedHashSet<>();
    /**
     * Delete markers by the time they were made, which is the order they expire in. A priority queue,
     * not a list, because markers loaded back from storage arrive in no particular order.
     */
    private final Queue<RowState> markers = new PriorityQueue<>(Comparator.comparing(RowState::changedAt));

    /**
     * @param indexedColumns for each table, the columns that children are looked up by
     */
    public RowStates(Map<String, Set<String>> indexedColumns) {
        indexedColumns.forEach((table, columns) -> {
            Map<String, Map<Object, Set<RowKey>>> byColumn = new HashMap<>();
            columns.forEach(column -> byColumn.put(column, new HashMap<>()));
            parentIndex.put(table, byColumn);
        });
    }

    /** Indexes the table's rows by one more parent-key column, for a definition that joins on it. */
    public void ensureIndex(String table, String column) {
        Map<Object, Set<RowKey>> byValue = parentIndex.computeIfAbsent(table, t -> new HashMap<>()).get(column);
        if (byValue != null) {
            return;
        }
        byValue = new HashMap<>();
        parentIndex.get(table).put(column, byValue);
        for (RowState row : rowsByTable.getOrDefault(table, Map.of()).values()) {
            Object value = row.isLive() ? row.values().get(column) : null;
            if (value != null) {
                byValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(row.key());
            }
        }
    }

    public RowState get(RowId id) {
        Map<RowKey, RowState> rows = rowsByTable.get(id.table());
        return rows == null ? null : rows.get(id.key());
    }

    /** Live rows of a table whose column holds the value. */
    public List<RowState> children(String table, String column, Object value) {
        Set<RowKey> keys = parentIndex.getOrDefault(table, Map.of()).getOrDefault(column, Map.of()).get(value);
        if (keys == null) {
            return List.of();
        }
        Map<RowKey, RowState> rows = rowsByTable.get(table);
        List<RowState> children = new ArrayList<>(keys.size());
        for (RowKey key : keys) {
            children.add(rows.get(key));
        }
        return children;
    }

    /** Every live row of a table; a copy, so that the caller may change the states while iterating. */
    public List<RowState> liveRows(String table) {
        Collection<RowState> rows = rowsByTable.getOrDefault(table, Map.of()).values();
        return rows.stream().filter(RowState::isLive).toList();
    }

    /** Records a row's new state, to be made durable by the next {@link #takeChanges()}. */
    public void put(RowState state) {
        load(state);
        changed.put(state.id(), state);
        removed.remove(state.id());
    }

    /**
     * Moves a live row's position forward in memory only, for a change that left every remembered
     * value as it was. Not made durable: after a restart the older position stands, which is safe,
     * because a replayed change from in between carries the same values.
     */
    public void advance(RowId id, dev.monobridge.projector.change.SourcePosition position) {
        RowState state = get(id);
        if (state != null && state.isLive() && position.isAfter(state.position())) {
            rowsByTable.get(id.table()).put(id.key(), RowState.live(id, state.values(), position, state.changedAt()));
        }
    }

    /** Loads a state read back from durable storage; it is not reported as a change. */
    public void load(RowState state) {
        RowState previous = rowsByTable.computeIfAbsent(state.table(), t -> new HashMap<>()).put(state.key(), state);
        unindex(previous);
        if (state.isLive()) {
            index(state);
        } else {
            markers.add(state);
        }
    }

    /**
     * Drops delete markers made before the cutoff. A marker only has to outlive the changes that could
     * still arrive out of order, so after the grace period it is noise that would otherwise accumulate.
     *
     * @return how many markers were dropped
     */
    public int expireMarkers(Instant cutoff) {
        int expired = 0;
        while (!markers.isEmpty() && markers.peek().changedAt().isBefore(cutoff)) {
            RowState marker = markers.poll();
            Map<RowKey, RowState> rows = rowsByTable.get(marker.table());
            // The row may have come back, or been deleted again since: only the same marker goes.
            if (rows != null && rows.get(marker.key()) == marker) {
                rows.remove(marker.key());
                changed.remove(marker.id());
                removed.add(marker.id());
                expired++;
            }
        }
        return expired;
    }

    /** Hands over, and forgets, what changed since the last call. */
    public StateChanges takeChanges() {
        StateChanges taken = new StateChanges(List.copyOf(changed.values()), List.copyOf(removed));
        changed.clear();
        removed.clear();
        return taken;
    }

    public int size() {
        return rowsByTable.values().stream().mapToInt(Map::size).sum();
    }

    public int markerCount() {
        return (int) rowsByTable.values().stream().flatMap(rows -> rows.values().stream()).filter(s -> !s.isLive()).count();
    }

    private void index(RowState state) {
        parentIndex.getOrDefault(state.table(), Map.of()).forEach((column, byValue) -> {
            Object value = state.values().get(column);
            if (value != null) {
                byValue.computeIfAbsent(value, v -> new LinkedHashSet<>()).add(state.key());
            }
        });
    }

    private void unindex(RowState state) {
        if (state == null || !state.isLive()) {
            return;
        }
        parentIndex.getOrDefault(state.table(), Map.of()).forEach((column, byValue) -> {
            Object value = state.values().get(column);
            Set<RowKey> keys = value == null ? null : byValue.get(value);
            if (keys != null) {
                keys.remove(state.key());
                if (keys.isEmpty()) {
                    byValue.remove(value);
                }
            }
        });
    }

    /** Row states to write, and expired markers to remove, since the last hand-over. */
    public record StateChanges(List<RowState> written, List<RowId> removed) {

        public boolean isEmpty() {
            return written.isEmpty() && removed.isEmpty();
        }
    }
}
