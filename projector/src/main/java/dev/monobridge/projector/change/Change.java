package dev.monobridge.projector.change;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change to one source row (or, for {@link Op#TRUNCATE}, to a whole table), independent of the
 * capture technology that produced it.
 *
 * <p>Column values are plain Java values: {@code String}, {@code Long}, {@code Double},
 * {@code java.math.BigDecimal} (decimals stay exact), {@link NonFiniteNumber} for a numeric NaN or
 * infinity, {@code Boolean}, {@code java.time.Instant} for timestamps ({@link InfiniteTimes} for
 * PostgreSQL's infinities), {@code java.time.LocalDate} for dates, {@code byte[]}, {@code Map} for JSON
 * documents, {@link Unavailable#VALUE} for a column the source did not send, or {@link Unconvertible}
 * for a value the capture could not convert.
 *
 * @param table      the qualified table name, {@code schema.table}
 * @param op         what happened
 * @param key        the row's primary key; {@code null} only for {@link Op#TRUNCATE} and {@link Op#SNAPSHOT_END}
 * @param before     the row before the change, when the source sends it (often only the key, or nothing)
 * @param after      the row after the change; {@code null} for deletes and truncates
 * @param position   where the change sits in the source log
 * @param commitTime when the source transaction committed
 * @param txId       the source transaction's id, for tracing; may be {@code null}
 * @param columnTypes every column the source table has, as the change event declares them, with its type
 *                   name; {@code null} when the source does not say (then the images may be partial).
 *                   This is how a mapped column renamed, dropped or retyped in the source is noticed.
 */
public record Change(
        String table,
        Op op,
        RowKey key,
        Map<String, Object> before,
        Map<String, Object> after,
        SourcePosition position,
        Instant commitTime,
        String txId,
        Map<String, String> columnTypes) {

    /** A change whose source does not declare the table's columns. */
    public Change(String table, Op op, RowKey key, Map<String, Object> before, Map<String, Object> after,
                  SourcePosition position, Instant commitTime, String txId) {
        this(table, op, key, before, after, position, commitTime, txId, null);
    }

    public Change {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(commitTime, "commitTime");
        if (op != Op.TRUNCATE && op != Op.SNAPSHOT_END) {
            Objects.requireNonNull(key, () -> op + " of " + table + " needs a key");
        }
        if (op.leavesRow()) {
            Objects.requireNonNull(after, () -> op + " of " + table + " needs an after image");
        } else if (after != null) {
            throw new IllegalArgumentException(op + " of " + table + " cannot have an after image");
        }
        before = before == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(before));
        after = after == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(after));
        // Not copied: the capture shares one map among every change of a table with the same schema.
        columnTypes = columnTypes == null ? null : Collections.unmodifiableMap(columnTypes);
    }

    /** The newest position among the changes; {@link SourcePosition#ZERO} for none. */
    public static SourcePosition newest(List<Change> changes) {
        SourcePosition newest = SourcePosition.ZERO;
        for (Change change : changes) {
            newest = SourcePosition.max(newest, change.position());
        }
        return newest;
    }

    @Override
    public String toString() {
        return op.code() + " " + table + (key == null ? "" : " " + key) + " @" + position;
    }
}
