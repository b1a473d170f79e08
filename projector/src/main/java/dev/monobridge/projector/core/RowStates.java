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
import dev.monobridge.projector.change.SourcePosition;

/**
 * Every remembered row state in the heap, indexed by key and by the parent-key columns that projections
 * join on: the model of {@link RowStateStore}, which unit and golden tests project with. About 500
 * bytes a row (docs/state-store.md), which is why production keeps the states in a store instead.
 */
public final class RowStates implements RowStateStore {

    private final Map<String, Map<RowKey, RowState>> rowsByTable = new HashMap<>();
    /** table → parent-key column → parent-key value → keys of live rows. */
    private final Map<String, Map<String, Map<Object, Set<RowKey>>>> parentIndex = new HashMap<>();
    private final Map<RowId, RowState> changed = new LinkedHashMap<>();
    private final Set<RowId> removed = new LinkedHashSet<>();
    /** table → position of its newest truncate. */
    private final TruncateMarkers truncates = new TruncateMarkers();
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

    @Override
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

    /** Everything stays: there is nowhere else to read it from. */
    @Override
    public void trim() {
    }

    /** Everything is here already. */
    @Override
    public void preload(Collection<RowId> ids) {
    }

    @Override
    public void preloadChildren(String table, String column, Collection<Object> values) {
    }

    @Override
    public RowState get(RowId id) {
        Map<RowKey, RowState> rows = rowsByTable.get(id.table());
        return rows == null ? null : rows.get(id.key());
    }

    @Override
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

    @Override
    public List<RowKey> liveKeys(String table) {
        return liveRows(table).stream().map(RowState::key).toList();
    }

    @Override
    public List<RowKey> liveKeysBefore(String table, SourcePosition before) {
        return liveRows(table).stream().filter(row -> before.isAfter(row.position())).map(RowState::key).toList();
    }

    @Override
    public List<RowState> liveRowsWithin(String table, String column, Instant from, Instant to) {
        return liveRows(table).stream()
                .filter(row -> row.values().get(column) instanceof Instant moment && moment.isAfter(from) && !moment.isAfter(to))
                .toList();
    }

    /** Every live row of a table; a copy, so that the caller may change the states while iterating. */
    List<RowState> liveRows(String table) {
        Collection<RowState> rows = rowsByTable.getOrDefault(table, Map.of()).values();
        return rows.stream().filter(RowState::isLive).toList();
    }

    @Override
    public void put(RowState state) {
        load(state);
        changed.put(state.id(), state);
        removed.remove(state.id());
    }

    /** In memory only: not among the changes handed over, so a restart finds the older position. */
    @Override
    public void advance(RowId id, SourcePosition position) {
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
     * Drops a row from memory without recording a change: a cache letting go of what it can read again,
     * or a marker that expired in the store behind it.
     */
    public void forget(RowId id) {
        Map<RowKey, RowState> rows = rowsByTable.get(id.table());
        RowState previous = rows == null ? null : rows.remove(id.key());
        unindex(previous);
    }

    @Override
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

    @Override
    public void markTruncated(String table, SourcePosition position) {
        truncates.mark(table, position);
    }

    @Override
    public SourcePosition truncatedAt(String table) {
        return truncates.at(table);
    }

    /** Everything is the only copy here, and this model has one writer: nothing to read again. */
    @Override
    public void forgetReads() {
    }

    @Override
    public StateChanges takeChanges() {
        StateChanges taken = new StateChanges(List.copyOf(changed.values()), List.copyOf(removed), List.of(), truncates.takeSince());
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
}
