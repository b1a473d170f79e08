package dev.monobridge.capture;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Whether the projections' topics can be co-partitioned by their roots' keys, so that more than one sink
 * task can share the work (docs/connect-sink.md, "More than one task"): every table must carry its
 * root's key in one column, which Debezium's {@code PartitionRouting} SMT then hashes into the partition,
 * the same on every topic. The root table's column is its key; a list under the root carries it in its
 * parent key; a list deeper down only when it reads a column of the same name as the parent key of its
 * ancestor just under the root (a copy of the root's key the source keeps, such as
 * {@code selection.event_id}): the root is otherwise found only by a join through the parent's row, which
 * no partitioner can follow. A table two projections route by different columns cannot be split either.
 *
 * <p>Debezium and Kafka do all of the hashing: the sink never computes a partition, it keeps state per
 * partition it is given.
 */
public final class RootKeyRouting {

    /** Debezium's SMT (debezium-connect-plugins 3.5): hashes the named payload fields into a partition. */
    static final String PARTITION_ROUTING = "io.debezium.transforms.partitions.PartitionRouting";

    /** Kafka's predicate that applies a transform to one topic only: each table has its own column. */
    static final String TOPIC_NAME_MATCHES = "org.apache.kafka.connect.transforms.predicates.TopicNameMatches";

    /** Connect's topic-creation group (KIP-158) that gives the routed topics their partitions. */
    static final String TOPIC_GROUP = "rootKeyRouted";

    private final Map<String, String> columns;
    private final Map<String, String> keys;
    private final List<String> reasons;

    private RootKeyRouting(Map<String, String> columns, Map<String, String> keys, List<String> reasons) {
        this.columns = columns;
        this.keys = keys;
        this.reasons = reasons;
    }

    /** Decides for the projections one sink runs: the root-key column of every table, or why there is none. */
    public static RootKeyRouting of(List<ProjectionDefinition> projections) {
        Map<String, String> columns = new TreeMap<>();
        Map<String, String> keys = new TreeMap<>();
        projections.forEach(p -> p.root().selfAndDescendants().forEach(node -> keys.put(node.table(), node.key())));
        Map<String, String> routedBy = new LinkedHashMap<>();
        List<String> reasons = new ArrayList<>();
        for (ProjectionDefinition projection : projections) {
            NodeDefinition root = projection.root();
            figures(projection, columns, routedBy, reasons);
            route(projection, root, root.key(), columns, routedBy, reasons);
            for (NodeDefinition list : root.lists()) {
                route(projection, list, list.parentKey(), columns, routedBy, reasons);
                for (NodeDefinition nested : list.lists()) {
                    routeDeeper(projection, list, nested, columns, routedBy, reasons);
                }
            }
        }
        return new RootKeyRouting(reasons.isEmpty() ? new TreeMap<>(columns) : Map.of(), keys, List.copyOf(reasons));
    }

    /**
     * A looked-up row is shown under many roots (one product in many customers' orders), so no partitioning
     * by root key can bring it to every task that shows it. An aggregate's rows carry their root's key only
     * when the aggregate is on the root (its parent key is then the root's key).
     */
    private static void figures(ProjectionDefinition projection, Map<String, String> columns, Map<String, String> routedBy,
                                List<String> reasons) {
        for (NodeDefinition node : projection.root().selfAndDescendants()) {
            for (var lookup : node.lookups()) {
                reasons.add(projection.file() + ":" + lookup.lines().lookup() + ": lookup '" + lookup.field() + "' shows rows of "
                        + lookup.table() + " under many roots of " + projection.root().table()
                        + ": its records cannot be routed to one root's partition");
            }
            for (var aggregate : node.aggregates()) {
                if (!node.isRoot()) {
                    reasons.add(projection.file() + ":" + aggregate.lines().aggregate() + ": aggregate '" + aggregate.field() + "' counts rows of "
                            + aggregate.table() + " by " + aggregate.parentKey() + ", not by the key of the root " + projection.root().table()
                            + ": its records cannot be routed to their root's partition without a join");
                    continue;
                }
                String earlier = columns.putIfAbsent(aggregate.table(), aggregate.parentKey());
                if (earlier == null) {
                    routedBy.put(aggregate.table(), projection.name());
                } else if (!earlier.equals(aggregate.parentKey())) {
                    reasons.add(projection.file() + ":" + aggregate.lines().aggregate() + ": " + aggregate.table() + " would be routed by "
                            + aggregate.parentKey() + " here and by " + earlier + " for " + routedBy.get(aggregate.table())
                            + ": a topic has one partitioning; run the two projections in separate sinks");
                }
            }
        }
    }

    /** A table two levels or more below the root: only when it reads a copy of the root's key itself. */
    private static void routeDeeper(ProjectionDefinition projection, NodeDefinition underRoot, NodeDefinition node,
                                    Map<String, String> columns, Map<String, String> routedBy, List<String> reasons) {
        String rootKey = underRoot.parentKey();
        if (node.columnsRead().contains(rootKey)) {
            route(projection, node, rootKey, columns, routedBy, reasons);
        } else {
            reasons.add(projection.file() + ":" + node.line() + ": " + node.table() + " sits below " + underRoot.table()
                    + " and holds only " + node.parentKey() + ", not the key of its root " + projection.root().table()
                    + " (" + rootKey + "): its records cannot be routed to their root's partition without a join."
                    + " Read a column " + rootKey + " of " + node.table() + " in the definition if the table keeps one.");
        }
        for (NodeDefinition deeper : node.lists()) {
            routeDeeper(projection, underRoot, deeper, columns, routedBy, reasons);
        }
    }

    private static void route(ProjectionDefinition projection, NodeDefinition node, String column,
                              Map<String, String> columns, Map<String, String> routedBy, List<String> reasons) {
        String earlier = columns.putIfAbsent(node.table(), column);
        if (earlier == null) {
            routedBy.put(node.table(), projection.name());
        } else if (!earlier.equals(column)) {
            reasons.add(projection.file() + ":" + node.line() + ": " + node.table() + " would be routed by " + column
                    + " here and by " + earlier + " for " + routedBy.get(node.table())
                    + ": a topic has one partitioning; run the two projections in separate sinks");
        }
    }

    /** Whether every table carries its root's key, so that the topics can be co-partitioned by it. */
    public boolean splittable() {
        return reasons.isEmpty();
    }

    /** Why the projections cannot be split, each {@code file:line: why}; empty when they can. */
    public List<String> reasons() {
        return reasons;
    }

    /** Each table's column that holds its root's key, by qualified table; empty when not splittable. */
    public Map<String, String> columns() {
        return columns;
    }

    /**
     * The source connector's settings that route every table's records by its root-key column into one of
     * {@code partitions} partitions, and create its topics with that many: one {@code PartitionRouting} per
     * table, applied to that table's topic only. Topics are named {@code prefix.schema.table}, as Debezium's
     * PostgreSQL connector names them.
     */
    public Map<String, String> sourceSettings(String topicPrefix, int partitions) {
        if (!splittable()) {
            throw new IllegalStateException("not splittable: " + String.join("; ", reasons));
        }
        if (partitions < 2) {
            throw new IllegalArgumentException("routing by root key takes at least 2 partitions, not " + partitions);
        }
        Map<String, String> settings = new LinkedHashMap<>();
        List<String> transforms = new ArrayList<>();
        List<String> predicates = new ArrayList<>();
        columns.forEach((table, column) -> {
            String name = alias(table);
            String transform = "transforms.rootKey_" + name + ".";
            String predicate = "predicates.topic_" + name + ".";
            transforms.add("rootKey_" + name);
            predicates.add("topic_" + name);
            settings.put(transform + "type", PARTITION_ROUTING);
            // change.<column>: the row after the change, or before it for a delete (which therefore needs
            // the column in its before image: REPLICA IDENTITY FULL on PostgreSQL, see requirements()).
            settings.put(transform + "partition.payload.fields", "change." + column);
            settings.put(transform + "partition.topic.num", Integer.toString(partitions));
            settings.put(transform + "predicate", "topic_" + name);
            settings.put(predicate + "type", TOPIC_NAME_MATCHES);
            settings.put(predicate + "pattern", topic(topicPrefix, table));
        });
        settings.put("transforms", String.join(",", transforms));
        settings.put("predicates", String.join(",", predicates));
        settings.put("topic.creation.groups", TOPIC_GROUP);
        settings.put("topic.creation." + TOPIC_GROUP + ".include",
                columns.keySet().stream().map(table -> topic(topicPrefix, table)).collect(Collectors.joining(",")));
        settings.put("topic.creation." + TOPIC_GROUP + ".partitions", Integer.toString(partitions));
        return settings;
    }

    /**
     * What the source database must do for the routing to hold: a delete's record is routed by its row
     * before the delete, which holds only the primary key unless the table logs every column, so each
     * table routed by a column other than its key must log it ({@code REPLICA IDENTITY FULL}).
     */
    public List<String> requirements() {
        return columns.entrySet().stream()
                .filter(e -> !Objects.equals(keys.get(e.getKey()), e.getValue()))
                .map(e -> "alter table " + e.getKey() + " replica identity full; -- deletes must carry " + e.getValue())
                .toList();
    }

    private static String topic(String prefix, String table) {
        return (prefix + "." + table).replace(".", "\\.");
    }

    /** The table as a transform alias: letters, digits and underscores. */
    private static String alias(String table) {
        return table.replaceAll("[^A-Za-z0-9]", "_");
    }
}
