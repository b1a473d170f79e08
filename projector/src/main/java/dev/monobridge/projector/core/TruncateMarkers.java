package dev.monobridge.projector.core;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.monobridge.projector.change.SourcePosition;

/**
 * The tables' truncate markers a row-state store keeps ({@link RowStateStore#markTruncated}): each table's
 * newest truncate position, which never moves back, and those set since the store last handed over its
 * changes, to be made durable with them.
 */
public final class TruncateMarkers {

    private final Map<String, SourcePosition> newest = new HashMap<>();
    private final Map<String, SourcePosition> since = new LinkedHashMap<>();

    /** A marker the store already holds durably: known, not to be written again. */
    public void load(String table, SourcePosition position) {
        newest.merge(table, position, SourcePosition::max);
    }

    public void mark(String table, SourcePosition position) {
        if (position.isAfter(at(table))) {
            newest.put(table, position);
            since.put(table, position);
        }
    }

    /** The table's newest truncate, or {@link SourcePosition#ZERO} when it was never truncated. */
    public SourcePosition at(String table) {
        return newest.getOrDefault(table, SourcePosition.ZERO);
    }

    /** Hands over, and forgets, the markers set since the last call. */
    public Map<String, SourcePosition> takeSince() {
        Map<String, SourcePosition> taken = Map.copyOf(since);
        since.clear();
        return taken;
    }
}
