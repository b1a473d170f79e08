package dev.monobridge.projector.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.definition.FieldMapping;
import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.OrderBy;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Builds a document's content from remembered row states, as of a moment: the root row's fields, then
 * each list with its admitted rows (not dropped, not expired), sorted, cut to its bound and nested.
 * The content has neither {@code _id} nor {@code _meta}; those are the writer's.
 *
 * <p>The result is a pure function of the states and the moment. Everything the projector writes is
 * the difference between two such renderings, which is what keeps documents equal to what their
 * definitions say, whatever order the changes came in.
 */
final class DocumentRenderer {

    /** Room for {@code _meta} as the writer builds it: 33-character position, two dates, name, version. */
    private static final int META_ALLOWANCE = 160;

    private final RowStateStore states;
    private final Figures figures;

    DocumentRenderer(RowStateStore states) {
        this.states = states;
        this.figures = new Figures(states);
    }

    /** The document as of {@code asOf}; {@link Rendering#ABSENT} when the projection has none for that root. */
    Rendering render(DocumentRef ref, Instant asOf) {
        ProjectionDefinition projection = ref.projection();
        NodeDefinition root = projection.root();
        RowState row = states.get(new RowId(root.table(), ref.rootKey()));
        if (row == null || !row.isLive() || !root.admits(row.values(), asOf) || !figures.shows(root, row)) {
            return Rendering.ABSENT;
        }
        Map<String, Object> content = level(root, row, asOf);
        long overhead = BsonSize.element("_id", ref.documentId()) + 1 + "_meta".length() + 1 + META_ALLOWANCE
                + projection.name().length() + tablesAllowance(projection);
        long bytes = BsonSize.ofDocument(content) + overhead;
        int trimmed = 0;
        while (bytes > projection.maxBytes()) {
            List<Object> longest = longestList(content, null);
            if (longest == null || longest.isEmpty()) {
                return Rendering.overBudget(bytes);
            }
            Object last = longest.remove(longest.size() - 1);
            // The last element of an array is the only one whose removal renumbers nothing.
            bytes -= BsonSize.element(Integer.toString(longest.size()), last);
            trimmed++;
        }
        return new Rendering(content, bytes, trimmed, true);
    }

    /**
     * Room for {@code _meta.tables}, the write guards' positions (DocumentMeta): at most one per table of
     * the projection, each a position in its text form, as updates keep the newest of every table.
     */
    private static long tablesAllowance(ProjectionDefinition projection) {
        Map<String, Object> tables = new LinkedHashMap<>();
        projection.root().selfAndDescendants().forEach(node -> {
            tables.put(DocumentMeta.tableField(node.table()), SourcePosition.ZERO.toString());
            node.lookups().forEach(l -> tables.put(DocumentMeta.tableField(l.table()), SourcePosition.ZERO.toString()));
            node.aggregates().forEach(a -> tables.put(DocumentMeta.tableField(a.table()), SourcePosition.ZERO.toString()));
        });
        return BsonSize.element("tables", tables);
    }

    private Map<String, Object> level(NodeDefinition node, RowState row, Instant asOf) {
        Map<String, Object> content = new LinkedHashMap<>();
        for (FieldMapping field : node.fields()) {
            // A column the source never sent (an unchanged TOASTed value seen first in an update) is
            // left out rather than written as a placeholder.
            if (row.values().containsKey(field.column())) {
                content.put(field.field(), row.values().get(field.column()));
            }
        }
        figures.put(node, row, content);
        for (NodeDefinition list : node.lists()) {
            content.put(list.field(), list(list, row.values().get(node.key()), asOf));
        }
        return content;
    }

    private List<Object> list(NodeDefinition node, Object parentKey, Instant asOf) {
        if (parentKey == null) {
            return new ArrayList<>();
        }
        List<RowState> rows = new ArrayList<>();
        for (RowState child : states.children(node.table(), node.parentKey(), parentKey)) {
            if (node.admits(child.values(), asOf) && figures.shows(node, child)) {
                rows.add(child);
            }
        }
        rows.sort(order(node));
        int limit = node.maxItems().orElse(Integer.MAX_VALUE);
        List<Object> entries = new ArrayList<>(Math.min(rows.size(), limit));
        for (RowState row : rows) {
            if (entries.size() == limit) {
                break;
            }
            entries.add(level(node, row, asOf));
        }
        return entries;
    }

    /** The list with the most entries anywhere in the content; the first such in document order. */
    @SuppressWarnings("unchecked")
    private static List<Object> longestList(Map<String, Object> content, List<Object> best) {
        for (Object value : content.values()) {
            if (value instanceof List<?> list) {
                if (best == null || list.size() > best.size()) {
                    best = (List<Object>) list;
                }
                for (Object entry : list) {
                    if (entry instanceof Map<?, ?> map) {
                        best = longestList((Map<String, Object>) map, best);
                    }
                }
            }
        }
        return best;
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

    /**
     * A rendered document.
     *
     * @param content the content, or {@code null} when there is no document
     * @param bytes   its size in MongoDB, {@code _id} and {@code _meta} included
     * @param trimmed how many list entries were left out to keep within the byte budget
     * @param fits    false when even with every list emptied the document exceeds its budget
     */
    record Rendering(Map<String, Object> content, long bytes, int trimmed, boolean fits) {

        static final Rendering ABSENT = new Rendering(null, 0, 0, true);

        static Rendering overBudget(long bytes) {
            return new Rendering(null, bytes, 0, false);
        }

        boolean exists() {
            return content != null;
        }
    }
}
