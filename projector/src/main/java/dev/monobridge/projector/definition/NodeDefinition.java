package dev.monobridge.projector.definition;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One level of a projected document: the root, or a list nested in its parent level.
 *
 * <p>A list entry belongs to the parent row whose key equals the entry row's {@code parentKey} column.
 * Entries are sorted by {@code orderBy}, then by key so that the order is total, and cut to
 * {@code maxItems}.
 *
 * @param field     the list's field name in the parent document; {@code null} for the root
 * @param table     the qualified source table, {@code schema.table}
 * @param key       the table's primary-key column
 * @param parentKey the column that holds the parent row's key; {@code null} for the root
 * @param fields    the columns copied into the document; the key column is always among them, because
 *                  targeted updates find a list entry by its key
 * @param orderBy   the list's sort keys; empty for the root
 * @param maxItems  the most entries the list keeps; every list has one (the reader requires it), and
 *                  only the root, which is not a list, has none
 * @param lists     the lists nested in this level
 * @param line      where the level is declared, for validation messages
 * @param filter    root only: the document exists only while the root row matches
 * @param dropWhen  lists only: entries that match are left out (finished items, say)
 * @param retention entries (on the root: the whole document) go once this much time has passed
 * @param softDelete rows that match count as deleted, wherever they appear ({@code is_deleted = true})
 * @param lines     where each part is written, so that a problem points at the line that names it
 * @param lookups   referenced rows embedded in each of this level's rows (many-to-one)
 * @param aggregates figures over all live child rows of each of this level's rows
 */
public record NodeDefinition(
        String field,
        String table,
        String key,
        String parentKey,
        List<FieldMapping> fields,
        List<OrderBy> orderBy,
        Optional<Integer> maxItems,
        List<NodeDefinition> lists,
        int line,
        Optional<Predicate> filter,
        Optional<Predicate> dropWhen,
        Optional<Retention> retention,
        Optional<Predicate> softDelete,
        Lines lines,
        List<LookupDefinition> lookups,
        List<AggregateDefinition> aggregates) {

    /**
     * The lines of a level's parts; a part that is not written has the level's own line.
     *
     * @param orderBy one line per {@code order-by} entry, in order
     */
    public record Lines(int table, int key, int parentKey, List<Integer> orderBy, int filter, int dropWhen,
                        int retention, int softDelete) {

        public Lines {
            orderBy = List.copyOf(orderBy);
        }
    }

    public NodeDefinition {
        fields = List.copyOf(fields);
        orderBy = List.copyOf(orderBy);
        lists = List.copyOf(lists);
        lookups = List.copyOf(lookups);
        aggregates = List.copyOf(aggregates);
    }

    public boolean isRoot() {
        return parentKey == null;
    }

    /** The document field that holds this level's key. */
    public String keyField() {
        return fields.stream().filter(f -> f.column().equals(key)).findFirst()
                .map(FieldMapping::field)
                .orElseThrow(() -> new IllegalStateException("key column " + key + " of " + table + " is not mapped"));
    }

    /**
     * Every column this level reads: the key, the parent key, the mapped fields, the sort keys, the
     * columns its filter, drop-when and retention look at, and the columns its lookups go by.
     */
    public Set<String> columnsRead() {
        Set<String> columns = new LinkedHashSet<>();
        columns.add(key);
        if (parentKey != null) {
            columns.add(parentKey);
        }
        fields.forEach(f -> columns.add(f.column()));
        orderBy.forEach(o -> columns.add(o.column()));
        filter.ifPresent(p -> columns.addAll(p.columns()));
        dropWhen.ifPresent(p -> columns.addAll(p.columns()));
        retention.ifPresent(r -> columns.add(r.column()));
        softDelete.ifPresent(p -> columns.addAll(p.columns()));
        lookups.forEach(l -> columns.add(l.via()));
        return columns;
    }

    /** Whether a row of this level belongs in the document as of the given time. */
    public boolean admits(java.util.Map<String, Object> row, java.time.Instant asOf) {
        if (softDelete.isPresent() && softDelete.get().evaluate(row) == Predicate.Truth.TRUE) {
            return false;
        }
        if (filter.isPresent() && filter.get().evaluate(row) != Predicate.Truth.TRUE) {
            return false;
        }
        if (dropWhen.isPresent() && dropWhen.get().evaluate(row) == Predicate.Truth.TRUE) {
            return false;
        }
        return retention.isEmpty() || !retention.get().hasExpired(row, asOf);
    }

    /**
     * Every table this level and the levels below it show rows of, each once with its key column: the
     * levels' own, then their lookups' and aggregates' (a table both listed and aggregated is read once).
     * What a rebuild reads whole.
     */
    public List<TableKey> tablesShown() {
        java.util.Map<String, TableKey> tables = new java.util.LinkedHashMap<>();
        for (NodeDefinition node : selfAndDescendants()) {
            tables.putIfAbsent(node.table(), new TableKey(node.table(), node.key()));
        }
        for (NodeDefinition node : selfAndDescendants()) {
            node.lookups().forEach(l -> tables.putIfAbsent(l.table(), new TableKey(l.table(), l.key())));
            node.aggregates().forEach(a -> tables.putIfAbsent(a.table(), new TableKey(a.table(), a.key())));
        }
        return List.copyOf(tables.values());
    }

    /** A source table and its primary-key column. */
    public record TableKey(String table, String key) {
    }

    /** This level and every level below it, depth first. */
    public List<NodeDefinition> selfAndDescendants() {
        List<NodeDefinition> all = new ArrayList<>();
        all.add(this);
        lists.forEach(list -> all.addAll(list.selfAndDescendants()));
        return all;
    }
}
