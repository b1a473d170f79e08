package dev.monobridge.projector.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * The definitions turned inside out for routing: for each source table, where its rows appear in
 * which projections, and which of its columns any projection reads.
 */
public final class ProjectionPlan {

    private final List<ProjectionDefinition> projections;
    private final Map<String, List<Placement>> placementsByTable = new HashMap<>();
    private final Map<String, Set<String>> columnsByTable = new HashMap<>();
    private final Map<String, Set<String>> parentKeysByTable = new HashMap<>();

    public ProjectionPlan(List<ProjectionDefinition> projections) {
        this.projections = List.copyOf(projections);
        for (ProjectionDefinition projection : projections) {
            walk(projection, projection.root(), null);
        }
    }

    private void walk(ProjectionDefinition projection, NodeDefinition node, Placement parent) {
        Placement placement = new Placement(projection, node, parent);
        placementsByTable.computeIfAbsent(node.table(), t -> new ArrayList<>()).add(placement);
        columnsByTable.computeIfAbsent(node.table(), t -> new LinkedHashSet<>()).addAll(node.columnsRead());
        if (node.parentKey() != null) {
            parentKeysByTable.computeIfAbsent(node.table(), t -> new LinkedHashSet<>()).add(node.parentKey());
        }
        node.lists().forEach(list -> walk(projection, list, placement));
    }

    public List<ProjectionDefinition> projections() {
        return projections;
    }

    /** Where rows of the table appear; empty when no projection reads the table. */
    public List<Placement> placements(String table) {
        return placementsByTable.getOrDefault(table, List.of());
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
}
