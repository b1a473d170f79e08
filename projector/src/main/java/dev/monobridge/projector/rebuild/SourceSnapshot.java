package dev.monobridge.projector.rebuild;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import dev.monobridge.projector.change.SourcePosition;

/**
 * One consistent snapshot of the source, streaming: rows arrive in chunks through a callback, so that
 * no table is ever held in memory whole. Rows are the same plain Java values the change stream gives.
 *
 * <p>Lifecycle: opened by {@link SourceSnapshots#open}; every read sees the source as of that moment;
 * {@link #close()} ends it.
 */
public interface SourceSnapshot extends AutoCloseable {

    /**
     * The position to give rows this snapshot reads: after every change applied before it was opened,
     * and before every change committed after it.
     */
    SourcePosition position();

    /**
     * Whether the change stream, having applied up to {@code applied}, has passed every change this
     * snapshot sees. Only then is a remembered row the snapshot lacks a delete the stream missed; before,
     * the delete is simply still on its way to the stream.
     */
    boolean streamHasPassed(SourcePosition applied);

    /** The source's estimate of a table's rows, from its statistics; 0 when it has none. */
    long estimatedRows(String table) throws SQLException;

    /**
     * Streams the table's rows, or only those whose {@code column} holds one of {@code values}, in
     * chunks of at most {@code chunk}. Stops early when {@code cancelled} says so.
     */
    void read(String table, Set<String> columns, String column, Collection<?> values, int chunk,
              RowsConsumer consumer, BooleanSupplier cancelled) throws SQLException;

    @Override
    void close() throws SQLException;

    /** Receives one chunk of rows. */
    @FunctionalInterface
    interface RowsConsumer {
        void accept(List<Map<String, Object>> rows) throws SQLException;
    }
}
