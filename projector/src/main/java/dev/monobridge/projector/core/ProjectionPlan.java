package dev.monobridge.projector.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.monobridge.projector.definition.AggregateDefinition;
import dev.monobridge.projector.definition.LookupDefinition;
import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * The definitions turned inside out for routing: for each source table, where its rows appear in
 * which projections, and which of its columns any projection reads.
 *
 * <p>Besides the live projections, a plan may hold a rebuild's definitions: <em>prepared</em> ones
 * only widen what is remembered (their columns and parent keys), so that a snapshot and the live stream
 * keep what the new definition needs; <em>shadow</em> ones are written too, always whole, into their
 * shadow collection. A plan never changes; a rebuild moves the projector from one plan to the next.
 */
public final class ProjectionPlan {

    private final List<ProjectionDefinition> projections;
    private final List<ProjectionDefinition> shadows;
    private final List<ProjectionDefinition> prepared;
    private final Map<String, List<Placement>> placementsByTable = new HashMap<>();
    private final Map<String, List<LookupPlacement>> lookupsByTable = new HashMap<>();
    private final Map<String, List<AggregatePlacement>> aggregatesByTable = new HashMap<>();
    private final Map<String, Set<String>> columnsByTable = new HashMap<>();
    private final Map<String, Set<String>> parentKeysByTable = new HashMap<>();

    public ProjectionPlan(List<ProjectionDefinition> projections) {
        this(projections, List.of(), List.of());
    }

    private ProjectionPlan(List<ProjectionDefinition> projections, List<ProjectionDefinition> shadows,
                           List<ProjectionDefinition> prepared) {
        this.projections = List.copyOf(projections);
        this.shadows = List.copyOf(shadows);
        this.prepared = List.copyOf(prepared);
        for (ProjectionDefinition projection : this.projections) {
            walk(projection, projection.root(), null, true);
        }
        for (ProjectionDefinition shadow : this.shadows) {
            walk(shadow, shadow.root(), null, true);
        }
        for (ProjectionDefinition definition : this.prepared) {
            walk(definition, definition.root(), null, false);
        }
    }

    private void walk(ProjectionDefinition projection, NodeDefinition node, Placement parent, boolean written) {
        Placement placement = new Placement(projection, node, parent);
        if (written) {
            placementsByTable.computeIfAbsent(node.table(), t -> new ArrayList<>()).add(placement);
        }
        columnsByTable.computeIfAbsent(node.table(), t -> new LinkedHashSet<>()).addAll(node.columnsRead());
        if (node.parentKey() != null) {
            parentKeysByTable.computeIfAbsent(node.table(), t -> new LinkedHashSet<>()).add(node.parentKey());
        }
        for (LookupDefinition lookup : node.lookups()) {
            if (written) {
                lookupsByTable.computeIfAbsent(lookup.table(), t -> new ArrayList<>()).add(new LookupPlacement(placement, lookup));
            }
            columnsByTable.computeIfAbsent(lookup.table(), t -> new LinkedHashSet<>()).addAll(lookup.columnsRead());
            // The reverse index: which rows of this level show a referenced row, found by their via column.
            parentKeysByTable.computeIfAbsent(node.table(), t -> new LinkedHashSet<>()).add(lookup.via());
        }
        for (AggregateDefinition aggregate : node.aggregates()) {
            if (written) {
                aggregatesByTable.computeIfAbsent(aggregate.table(), t -> new ArrayList<>())
                        .add(new AggregatePlacement(placement, aggregate));
            }
            columnsByTable.computeIfAbsent(aggregate.table(), t -> new LinkedHashSet<>()).addAll(aggregate.columnsRead());
            parentKeysByTable.computeIfAbsent(aggregate.table(), t -> new LinkedHashSet<>()).add(aggregate.parentKey());
        }
        node.lists().forEach(list -> walk(projection, list, placement, written));
    }

    /** The live projections. */
    public List<ProjectionDefinition> projections() {
        return projections;
    }

    /** The live projection of that name, or {@code null}. */
    public ProjectionDefinition projection(String name) {
        return projections.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
    }

    /** Whether documents of this projection go to a shadow collection, always written whole. */
    public boolean isShadow(ProjectionDefinition projection) {
        return shadows.contains(projection);
    }

    /** This plan, also remembering what the definition reads; nothing is written for it yet. */
    public ProjectionPlan preparing(ProjectionDefinition definition) {
        List<ProjectionDefinition> more = new ArrayList<>(prepared);
        more.add(definition);
        return new ProjectionPlan(projections, shadows, more);
    }

    /** This plan, also writing the shadow definition's documents whole. */
    public ProjectionPlan withShadow(ProjectionDefinition shadow) {
        List<ProjectionDefinition> more = new ArrayList<>(shadows);
        more.add(shadow);
        return new ProjectionPlan(projections, more, prepared);
    }

    /** This plan without the shadow (a rebuild cancelled or done) and with nothing prepared for it. */
    public ProjectionPlan withoutShadow(ProjectionDefinition shadow, ProjectionDefinition preparedFor) {
        List<ProjectionDefinition> fewer = new ArrayList<>(shadows);
        fewer.remove(shadow);
        List<ProjectionDefinition> fewerPrepared = new ArrayList<>(prepared);
        fewerPrepared.remove(preparedFor);
        return new ProjectionPlan(projections, fewer, fewerPrepared);
    }

    /** This plan with {@code replacement} live in place of the live projection of the same name. */
    public ProjectionPlan replacing(ProjectionDefinition replacement) {
        List<ProjectionDefinition> live = new ArrayList<>();
        for (ProjectionDefinition projection : projections) {
            live.add(projection.name().equals(replacement.name()) ? replacement : projection);
        }
        return new ProjectionPlan(live, shadows, prepared);
    }

    /** Where rows of the table appear; empty when no projection reads the table. */
    public List<Placement> placements(String table) {
        return placementsByTable.getOrDefault(table, List.of());
    }

    /**
     * The table's key column, as the definitions name it: where it is a level, a lookup or an aggregate;
     * {@code null} for a table no projection reads.
     */
    public String keyColumn(String table) {
        if (!placements(table).isEmpty()) {
            return placements(table).get(0).node().key();
        }
        if (!lookups(table).isEmpty()) {
            return lookups(table).get(0).lookup().key();
        }
        return aggregates(table).isEmpty() ? null : aggregates(table).get(0).aggregate().key();
    }

    /** Where rows of the table are shown as a referenced row (a lookup); empty when none. */
    public List<LookupPlacement> lookups(String table) {
        return lookupsByTable.getOrDefault(table, List.of());
    }

    /** Where rows of the table are counted, summed or compared (an aggregate); empty when none. */
    public List<AggregatePlacement> aggregates(String table) {
        return aggregatesByTable.getOrDefault(table, List.of());
    }

    /** Whether a change to a row of the table can change a written document: the table is placed, looked up or aggregated. */
    public boolean writes(String table) {
        return placementsByTable.containsKey(table) || lookupsByTable.containsKey(table) || aggregatesByTable.containsKey(table);
    }

    /** The columns of the table that some projection reads: the only ones worth remembering. */
    public Set<String> columnsRead(String table) {
        return columnsByTable.getOrDefault(table, Set.of());
    }

    /** Every table some projection reads. */
    public Set<String> tables() {
        return columnsByTable.keySet();
    }

    /** For each table, the columns its rows are looked up by as children. */
    public Map<String, Set<String>> parentKeyColumns() {
        return parentKeysByTable;
    }

    /**
     * One place where a table's rows appear: a level of a projection, and the chain of levels above it.
     */
    public record Placement(ProjectionDefinition projection, NodeDefinition node, Placement parent) {
    }

    /** A lookup of the owner level: rows of the lookup's table are shown in the owner's rows that name them. */
    public record LookupPlacement(Placement owner, LookupDefinition lookup) {
    }

    /** An aggregate of the owner level: rows of the aggregate's table count towards their parent row's figure. */
    public record AggregatePlacement(Placement owner, AggregateDefinition aggregate) {
    }
}
