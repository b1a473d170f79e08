package dev.monobridge.projector.change;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The primary key of a source row: column names and values, in key order. Most legacy tables have a
 * single-column key; composite keys are kept as they are rather than flattened into a string.
 */
public record RowKey(Map<String, Object> columns) {

    public RowKey {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a row key has at least one column");
        }
        columns = CompactMap.copyOf(columns);
    }

    public static RowKey of(String column, Object value) {
        return new RowKey(Map.of(column, value));
    }

    /** The key's values, in key order. */
    public List<Object> values() {
        return List.copyOf(columns.values());
    }

    /** The value of a single-column key, which is what becomes a document's {@code _id}. */
    public Object singleValue() {
        if (columns.size() != 1) {
            throw new IllegalStateException("key " + this + " has " + columns.size() + " columns");
        }
        return columns.values().iterator().next();
    }

    @Override
    public String toString() {
        return columns.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(",", "{", "}"));
    }
}
