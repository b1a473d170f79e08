package dev.monobridge.projector.rebuild;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

import dev.monobridge.projector.definition.AggregateDefinition;
import dev.monobridge.projector.definition.LookupDefinition;
import dev.monobridge.projector.definition.NodeDefinition;

/**
 * Reads the rows of one document from a snapshot: the root row by its key, then each list level by the
 * keys of the level above, so that only that document's rows are read (one statement per level), and
 * with each level the rows its lookups name (by their keys) and its aggregates count (by the level's keys). What
 * a single-document repair applies, and what the drift sampler renders its expected document from.
 */
final class DocumentRows {

    /** Receives one level's rows, a chunk at a time. */
    @FunctionalInterface
    interface Consumer {
        void accept(String table, String key, List<Map<String, Object>> rows) throws SQLException;
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
        Map<LookupDefinition, Set<Object>> referenced = new LinkedHashMap<>();
        reader.read(node.table(), columns.apply(node.table()), column, keys, chunk, rows -> {
            consumer.accept(node.table(), node.key(), rows);
            for (Map<String, Object> row : rows) {
                levelKeys.add(row.get(node.key()));
                for (LookupDefinition lookup : node.lookups()) {
                    Object via = row.get(lookup.via());
                    if (via != null) {
                        referenced.computeIfAbsent(lookup, l -> new LinkedHashSet<>()).add(via);
                    }
                }
            }
        }, cancelled);
        for (Map.Entry<LookupDefinition, Set<Object>> lookup : referenced.entrySet()) {
            LookupDefinition definition = lookup.getKey();
            reader.read(definition.table(), columns.apply(definition.table()), definition.key(), List.copyOf(lookup.getValue()), chunk,
                    rows -> consumer.accept(definition.table(), definition.key(), rows), cancelled);
        }
        for (AggregateDefinition aggregate : node.aggregates()) {
            // A list of the same rows reads them already.
            boolean listed = node.lists().stream().anyMatch(l -> l.table().equals(aggregate.table()) && l.parentKey().equals(aggregate.parentKey()));
            if (!listed && !levelKeys.isEmpty()) {
                reader.read(aggregate.table(), columns.apply(aggregate.table()), aggregate.parentKey(), levelKeys, chunk,
                        rows -> consumer.accept(aggregate.table(), aggregate.key(), rows), cancelled);
            }
        }
        for (NodeDefinition list : node.lists()) {
            read(list, levelKeys, list.parentKey(), consumer);
        }
    }
}
