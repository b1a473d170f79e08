package dev.monobridge.projector.core;

import java.time.Instant;
import java.util.Map;

import dev.monobridge.projector.change.SourcePosition;

/**
 * What a write records in the document's {@code _meta}, besides the write time the writer adds.
 * Position and commit time only ever move forward, so writers combine them with the stored values by
 * maximum: a replayed or late write cannot move them back. The commit time is {@code null} when only
 * the passing of time (a retention rule) changed the document.
 *
 * <p>{@code tables} holds, for each source table whose changes made this write, the newest such change's
 * position: the write's guard (P10). It applies only where the stored document holds no newer position
 * for any of those tables, so an older writer (a zombie task after a rebalance) cannot overwrite what a
 * newer one wrote. Per table and not one position per document, because one legitimate writer may
 * project table A at position 100 and then table B at position 50 into the same document (tables'
 * topics interleave on Kafka Connect); per table, positions only grow, since one table's rows of one
 * root are read in order. Empty for writes no change made (the passing of time, rebuilds): those are
 * not guarded (docs/connect-sink.md, "Position guards").
 */
public record DocumentMeta(String projection, int version, SourcePosition position, Instant commitTime,
                           Map<String, SourcePosition> tables) {

    public DocumentMeta {
        // Sorted, so that the same write is sent as the same command every time.
        tables = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tables));
    }

    /**
     * A table's name as a field of {@code _meta.tables}: {@code .} would nest and {@code $} would be an
     * operator in MongoDB's paths, so both are escaped, as {@code %2E} and {@code %24} (and {@code %} as
     * {@code %25}, so that no two names meet): {@code public.race} is {@code public%2Erace}. Here, not in
     * the writer, because a document's byte budget counts these names.
     */
    public static String tableField(String table) {
        return table.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    /** A write that no source change made, so that it guards by no table's position. */
    public DocumentMeta(String projection, int version, SourcePosition position, Instant commitTime) {
        this(projection, version, position, commitTime, Map.of());
    }
}
