package dev.monobridge.projector.rebuild;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import dev.monobridge.projector.definition.NodeDefinition;

/**
 * Reads the rows of one document from a snapshot: the root row by its key, then each list level by the
 * keys of the level above, so that only that document's rows are read (one statement per level). What
 * a single-document repair applies, and what the drift sampler renders its expected document from.
 */
final class DocumentRows {

    /** Receives one level's rows, a chunk at a time. */
    @FunctionalInterface
    interface Consumer {
        void accept(NodeDefinition node, List<Map<String, Object>> rows) throws SQLException;
    }

    private final SourceSnapshot reader;
    private final Function<String, Set<String>> columns;
    private final int chunk;
    private final BooleanSupplier cancelled;

    /** @param columns the columns to read of a table */
    DocumentRows(SourceSnapshot reader, Function<String, Set<String>> columns, int chunk, BooleanSupplier cancelled) {
        this.reader = reader;
        this.columns = columns;
        this.chunk = chunk;
        this.cancelled = cancelled;
    }

    /** Reads the document whose root key is {@code key}. */
    void read(NodeDefinition root, Object key, Consumer consumer) throws SQLException {
        read(root, List.of(key), root.key(), consumer);
    }

    /** Reads one level of one document's rows, then the levels below, by the keys just read. */
    private void read(NodeDefinition node, List<Object> keys, String column, Consumer consumer) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        List<Object> levelKeys = new ArrayList<>();
        reader.read(node.table(), columns.apply(node.table()), column, keys, chunk, rows -> {
            consumer.accept(node, rows);
            rows.forEach(row -> levelKeys.add(row.get(node.key())));
        }, cancelled);
        for (NodeDefinition list : node.lists()) {
            read(list, levelKeys, list.parentKey(), consumer);
        }
    }
}
