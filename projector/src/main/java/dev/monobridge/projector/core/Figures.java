package dev.monobridge.projector.core;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.definition.AggregateDefinition;
import dev.monobridge.projector.definition.FieldMapping;
import dev.monobridge.projector.definition.LookupDefinition;
import dev.monobridge.projector.definition.NodeDefinition;

/**
 * What a level shows of rows that are not its own, from the remembered row states: each lookup's
 * referenced row, and each aggregate over all live children (not only those a list shows).
 *
 * <p>Aggregates are recomputed from the children's states whenever their document is rendered, never kept
 * as running totals: a running min or max cannot lose its extreme row without reading the others again,
 * and a figure recomputed from the states is right after any order of changes, a replay, or a restart,
 * as the lists are. The children are the same rows a list over that table reads, by the same index.
 */
final class Figures {

    private final RowStateStore states;

    Figures(RowStateStore states) {
        this.states = states;
    }

    /** Whether the row is shown at all: false when a lookup that leaves its level out finds no row. */
    boolean shows(NodeDefinition node, RowState row) {
        for (LookupDefinition lookup : node.lookups()) {
            if (lookup.missing() == LookupDefinition.Missing.LEAVE_OUT && referenced(lookup, row) == null) {
                return false;
            }
        }
        return true;
    }

    /** Adds the row's lookups and aggregates to its level's content. */
    void put(NodeDefinition node, RowState row, Map<String, Object> content) {
        for (LookupDefinition lookup : node.lookups()) {
            RowState referenced = referenced(lookup, row);
            content.put(lookup.field(), referenced == null ? null : fields(lookup, referenced));
        }
        for (AggregateDefinition aggregate : node.aggregates()) {
            content.put(aggregate.field(), aggregate(aggregate, row.values().get(node.key())));
        }
    }

    /** The live row the lookup names, or {@code null} when its via column is null or names no live row. */
    RowState referenced(LookupDefinition lookup, RowState row) {
        Object via = row.values().get(lookup.via());
        if (via == null) {
            return null;
        }
        RowState referenced = states.get(new RowId(lookup.table(), RowKey.of(lookup.key(), Values.normalize(via))));
        return referenced == null || !referenced.isLive() ? null : referenced;
    }

    private static Map<String, Object> fields(LookupDefinition lookup, RowState referenced) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (FieldMapping field : lookup.fields()) {
            // As for a level's own fields: a column the source never sent is left out, not a placeholder.
            if (referenced.values().containsKey(field.column())) {
                fields.put(field.field(), referenced.values().get(field.column()));
            }
        }
        return fields;
    }

    private Object aggregate(AggregateDefinition aggregate, Object parentKey) {
        long count = 0;
        Object figure = null;
        if (parentKey != null) {
            for (RowState child : states.children(aggregate.table(), aggregate.parentKey(), parentKey)) {
                if (!aggregate.counts(child.values())) {
                    continue;
                }
                if (aggregate.function() == AggregateDefinition.Function.COUNT) {
                    count++;
                    continue;
                }
                Object value = child.values().get(aggregate.column());
                if (value != null) {
                    figure = figure == null ? value : combine(aggregate.function(), figure, value);
                }
            }
        }
        return aggregate.function() == AggregateDefinition.Function.COUNT ? (Object) count : figure;
    }

    private static Object combine(AggregateDefinition.Function function, Object figure, Object value) {
        return switch (function) {
            case SUM -> sum(figure, value);
            case MIN -> Values.compare(value, figure) < 0 ? value : figure;
            case MAX -> Values.compare(value, figure) > 0 ? value : figure;
            case COUNT -> throw new IllegalStateException("a count combines no values");
        };
    }

    /** Exact for integers and decimals: a long that would overflow goes on as a decimal. */
    static Object sum(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            long sum = x + y;
            if (((x ^ sum) & (y ^ sum)) >= 0) {
                return sum;
            }
            return BigDecimal.valueOf(x).add(BigDecimal.valueOf(y));
        }
        if (a instanceof Double || b instanceof Double) {
            return ((Number) a).doubleValue() + ((Number) b).doubleValue();
        }
        if (a instanceof Number x && b instanceof Number y) {
            return decimal(x).add(decimal(y));
        }
        throw new UnprojectableException("cannot sum " + a.getClass().getSimpleName() + " and " + b.getClass().getSimpleName()
                + ": a sum is of a numeric column");
    }

    private static BigDecimal decimal(Number n) {
        return n instanceof BigDecimal d ? d : n instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(n.toString());
    }
}
