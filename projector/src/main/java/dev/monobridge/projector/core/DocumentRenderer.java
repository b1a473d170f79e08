package dev.monobridge.projector.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.definition.FieldMapping;
import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.OrderBy;

/**
 * Builds a document's content from remembered row states: the root row's fields, then each list,
 * sorted, cut to its bound and nested. The content has neither {@code _id} nor {@code _meta}; those are
 * the writer's.
 */
final class DocumentRenderer {

    private final RowStates states;

    DocumentRenderer(RowStates states) {
        this.states = states;
    }

    /** The document's content, or {@code null} when the projection has no document for that root. */
    Map<String, Object> render(DocumentRef ref) {
        NodeDefinition root = ref.projection().root();
        RowState row = states.get(new RowId(root.table(), ref.rootKey()));
        if (row == null || !row.isLive()) {
            return null;
        }
        return level(root, row);
    }

    private Map<String, Object> level(NodeDefinition node, RowState row) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (FieldMapping field : node.fields()) {
            // A column the source never sent (an unchanged TOASTed value seen first in an update) is
            // left out rather than written as a placeholder.
            if (row.values().containsKey(field.column())) {
                content.put(field.field(), row.values().get(field.column()));
            }
        }
        for (NodeDefinition list : node.lists()) {
            content.put(list.field(), list(list, row.values().get(node.key())));
        }
        return content;
    }

    private List<Map<String, Object>> list(NodeDefinition node, Object parentKey) {
        if (parentKey == null) {
            return List.of();
        }
        List<RowState> rows = new ArrayList<>(states.children(node.table(), node.parentKey(), parentKey));
        rows.sort(order(node));
        int limit = node.maxItems().orElse(Integer.MAX_VALUE);
        List<Map<String, Object>> entries = new ArrayList<>(Math.min(rows.size(), limit));
        for (RowState row : rows) {
            if (entries.size() == limit) {
                break;
            }
            entries.add(level(node, row));
        }
        return entries;
    }

    /** The list's order, made total by the key so that equal sort values never reorder entries. */
    static Comparator<RowState> order(NodeDefinition node) {
        Comparator<RowState> order = (a, b) -> 0;
        for (OrderBy by : node.orderBy()) {
            Comparator<Object> direction = by.descending() ? descendingNullsLast() : Values.ORDER;
            order = order.thenComparing(row -> row.values().get(by.column()), direction);
        }
        return order.thenComparing(RowState::key, (RowKey a, RowKey b) -> Values.compareKeys(a.values(), b.values()));
    }

    private static Comparator<Object> descendingNullsLast() {
        return (a, b) -> a == null || b == null ? Values.compare(a, b) : Values.compare(b, a);
    }
}
