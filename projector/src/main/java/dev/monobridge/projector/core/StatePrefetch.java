package dev.monobridge.projector.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.Unavailable;
import dev.monobridge.projector.definition.AggregateDefinition;
import dev.monobridge.projector.definition.LookupDefinition;
import dev.monobridge.projector.definition.NodeDefinition;

/**
 * Tells the row-state store, before a batch is projected, what the batch will read, a level at a time,
 * so that a store that has to ask a slower one asks in a few bulk queries per table (O(tables × levels)
 * round trips per batch, never one per row): the changed rows, their parents up to the root, then each
 * touched document's rows. It walks the same links as {@link BatchProjector} and {@link DocumentRenderer}
 * do; a link it misses costs a lookup of its own there, never a wrong result.
 */
final class StatePrefetch {

    private final RowStateStore states;

    StatePrefetch(RowStateStore states) {
        this.states = states;
    }

    /** The changed rows, and the documents they were in and will be in. */
    void forChanges(ProjectionPlan plan, List<Change> changes) {
        Set<RowId> ids = new LinkedHashSet<>();
        for (Change change : changes) {
            if (isRowChange(plan, change)) {
                ids.add(new RowId(change.table(), BatchProjector.normalizedKey(change.key())));
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        states.preload(ids);
        List<Routed> rows = new ArrayList<>();
        for (Change change : changes) {
            if (!isRowChange(plan, change)) {
                continue;
            }
            RowId id = new RowId(change.table(), BatchProjector.normalizedKey(change.key()));
            RowState previous = states.get(id);
            if (changesNoDocument(plan, change, previous)) {
                // A stale change, or one that leaves every read value as it was (a rebuild's snapshot
                // re-reading rows the stream already has): applying it renders nothing, so loading
                // its documents' rows would be a rebuild's whole cost for nothing.
                continue;
            }
            if (previous != null && previous.isLive()) {
                rows.add(new Routed(id, previous.values()));
            }
            if (change.after() != null) {
                rows.add(new Routed(id, normalized(change.after())));
            }
        }
        forDocuments(routes(plan, rows));
    }

    /** The documents that rows (already loaded) belong to: rows expiring, or removed by a truncate. */
    void forRows(ProjectionPlan plan, Collection<RowState> rows) {
        List<Routed> routed = new ArrayList<>();
        for (RowState row : rows) {
            if (row.isLive()) {
                routed.add(new Routed(row.id(), row.values()));
            }
        }
        forDocuments(routes(plan, routed));
    }

    /** Every row the documents are rendered from: the roots, then each list's rows, level by level. */
    void forDocuments(Collection<DocumentRef> documents) {
        if (documents.isEmpty()) {
            return;
        }
        Set<RowId> roots = new LinkedHashSet<>();
        for (DocumentRef ref : documents) {
            roots.add(new RowId(ref.projection().root().table(), ref.rootKey()));
        }
        states.preload(roots);
        List<Level> level = new ArrayList<>();
        for (DocumentRef ref : documents) {
            RowState root = states.get(new RowId(ref.projection().root().table(), ref.rootKey()));
            if (root != null && root.isLive()) {
                level.add(new Level(ref.projection().root(), root));
            }
        }
        while (!level.isEmpty()) {
            figures(level);
            // One bulk read per list table and join column for the whole level.
            Map<NodeDefinition, Set<Object>> wanted = new LinkedHashMap<>();
            for (Level parent : level) {
                Object value = parent.row().values().get(parent.node().key());
                if (value != null) {
                    for (NodeDefinition list : parent.node().lists()) {
                        wanted.computeIfAbsent(list, l -> new LinkedHashSet<>()).add(value);
                    }
                }
            }
            List<Level> next = new ArrayList<>();
            wanted.forEach((list, values) -> {
                states.preloadChildren(list.table(), list.parentKey(), values);
                if (!list.lists().isEmpty() || !list.lookups().isEmpty() || !list.aggregates().isEmpty()) {
                    for (Object value : values) {
                        states.children(list.table(), list.parentKey(), value).forEach(child -> next.add(new Level(list, child)));
                    }
                }
            });
            level = next;
        }
    }

    /** The rows a level's lookups name and its aggregates' children: one bulk read per table for the level. */
    private void figures(List<Level> level) {
        Set<RowId> referenced = new LinkedHashSet<>();
        Map<AggregateDefinition, Set<Object>> parents = new LinkedHashMap<>();
        for (Level row : level) {
            for (LookupDefinition lookup : row.node().lookups()) {
                Object via = row.row().values().get(lookup.via());
                if (via != null) {
                    referenced.add(new RowId(lookup.table(), RowKey.of(lookup.key(), via)));
                }
            }
            Object key = row.row().values().get(row.node().key());
            if (key != null) {
                row.node().aggregates().forEach(a -> parents.computeIfAbsent(a, x -> new LinkedHashSet<>()).add(key));
            }
        }
        if (!referenced.isEmpty()) {
            states.preload(referenced);
        }
        parents.forEach((aggregate, keys) -> states.preloadChildren(aggregate.table(), aggregate.parentKey(), keys));
    }

    /** The documents the rows belong to, loading the parents that routing reads on the way up. */
    private Set<DocumentRef> routes(ProjectionPlan plan, List<Routed> rows) {
        Set<DocumentRef> documents = new LinkedHashSet<>();
        List<Step> steps = new ArrayList<>();
        for (Routed row : rows) {
            for (ProjectionPlan.Placement placement : plan.placements(row.id().table())) {
                steps.add(new Step(placement, row.id().key(), row.values()));
            }
        }
        while (!steps.isEmpty()) {
            Map<RowId, List<ProjectionPlan.Placement>> parents = new LinkedHashMap<>();
            for (Step step : steps) {
                ProjectionPlan.Placement placement = step.placement();
                if (placement.parent() == null) {
                    documents.add(new DocumentRef(placement.projection(), step.key()));
                    continue;
                }
                Object parentKey = step.values().get(placement.node().parentKey());
                if (parentKey == null) {
                    continue;
                }
                RowKey parent = RowKey.of(placement.parent().node().key(), parentKey);
                if (placement.parent().parent() == null) {
                    documents.add(new DocumentRef(placement.projection(), parent));
                } else {
                    parents.computeIfAbsent(new RowId(placement.parent().node().table(), parent), id -> new ArrayList<>())
                            .add(placement.parent());
                }
            }
            states.preload(parents.keySet());
            List<Step> next = new ArrayList<>();
            parents.forEach((id, placements) -> {
                RowState parent = states.get(id);
                if (parent != null && parent.isLive()) {
                    placements.forEach(placement -> next.add(new Step(placement, id.key(), parent.values())));
                }
            });
            steps = next;
        }
        return documents;
    }

    /**
     * Whether applying the change leaves every document as it is, as {@link BatchProjector} decides it:
     * not after the remembered position (stale), or a live row whose read columns keep their values.
     * When unsure (a value that cannot be read), it says no: the documents are loaded as for any change.
     */
    static boolean changesNoDocument(ProjectionPlan plan, Change change, RowState previous) {
        if (previous == null) {
            return false;
        }
        if (!change.position().isAfter(previous.position())) {
            return true;
        }
        if (!previous.isLive() || change.after() == null) {
            return false;
        }
        Map<String, Object> next;
        try {
            next = RememberedValues.of(plan.columnsRead(change.table()), previous, change.after(), (name, value) -> { });
        } catch (RuntimeException e) {
            return false;
        }
        return Values.same(previous.values(), next);
    }

    private static boolean isRowChange(ProjectionPlan plan, Change change) {
        return change.op() != Op.SNAPSHOT_END && change.op() != Op.TRUNCATE && change.key() != null
                && plan.writes(change.table());
    }

    /** The values as routing compares them; a value the source did not send is left to the previous state. */
    private static Map<String, Object> normalized(Map<String, Object> values) {
        Map<String, Object> normalized = new LinkedHashMap<>();
        values.forEach((column, value) -> {
            if (value != Unavailable.VALUE) {
                try {
                    normalized.put(column, Values.normalize(value));
                } catch (RuntimeException e) {
                    // A value the projector cannot read makes the change a dead letter when it is applied;
                    // here it only means one hint fewer.
                }
            }
        });
        return normalized;
    }

    private record Routed(RowId id, Map<String, Object> values) {
    }

    private record Step(ProjectionPlan.Placement placement, RowKey key, Map<String, Object> values) {
    }

    private record Level(NodeDefinition node, RowState row) {
    }
}
