package dev.monobridge.projector.core;

import java.time.Instant;
import java.util.Map;

import dev.monobridge.projector.change.CompactMap;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;

/**
 * What the projector remembers of one source row: the columns its projections read, and the source
 * position of the last change applied to it. This is what lets a delete that carries only a key find
 * the documents the row was in, lets a list refill its top N from candidates beyond N, and lets a
 * stale or repeated change be recognised and ignored.
 *
 * <p>A deleted row is kept as a <em>delete marker</em> (no values) until it expires, so that a stale
 * change arriving after the delete cannot bring the row back.
 *
 * @param id        the row's table and key
 * @param values    the columns read by projections; empty for a delete marker
 * @param position  the source position of the last change applied
 * @param deleted   true for a delete marker
 * @param changedAt when the projector applied the last change (wall clock), for marker expiry
 */
public record RowState(RowId id, Map<String, Object> values, SourcePosition position, boolean deleted, Instant changedAt) {

    public RowState {
        values = CompactMap.copyOf(values);
        if (deleted && !values.isEmpty()) {
            throw new IllegalArgumentException("a delete marker holds no values: " + id);
        }
    }

    public static RowState live(RowId id, Map<String, Object> values, SourcePosition position, Instant changedAt) {
        return new RowState(id, values, position, false, changedAt);
    }

    public static RowState deleteMarker(RowId id, SourcePosition position, Instant changedAt) {
        return new RowState(id, Map.of(), position, true, changedAt);
    }

    public String table() {
        return id.table();
    }

    public RowKey key() {
        return id.key();
    }

    public boolean isLive() {
        return !deleted;
    }
}
