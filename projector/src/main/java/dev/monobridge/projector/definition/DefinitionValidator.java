package dev.monobridge.projector.definition;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks definitions against the source database and against each other: every table and column must
 * exist, a retention column must hold timestamps, and a table may appear only once in a projection (a
 * row must have one place in a document).
 */
public final class DefinitionValidator {

    private DefinitionValidator() {
    }

    /** Throws {@link ConfigException} listing every problem found. */
    public static void validate(List<ProjectionDefinition> definitions, SourceSchema schema) {
        Problems problems = new Problems();
        for (ProjectionDefinition definition : definitions) {
            Set<String> tables = new HashSet<>();
            for (NodeDefinition node : definition.root().selfAndDescendants()) {
                if (!tables.add(node.table())) {
                    problems.add(definition.file(), node.line(), "table " + node.table()
                            + " appears more than once in projection '" + definition.name() + "'");
                }
                checkColumns(definition.file(), node, schema, problems);
            }
        }
        problems.throwIfAny();
    }

    private static void checkColumns(String file, NodeDefinition node, SourceSchema schema, Problems problems) {
        Optional<Set<String>> columns = schema.columns(node.table());
        if (columns.isEmpty()) {
            problems.add(file, node.line(), "table " + node.table() + " does not exist in the source database");
            return;
        }
        Set<String> known = columns.get();
        check(file, node.line(), node.table(), "key", node.key(), known, problems);
        if (node.parentKey() != null) {
            check(file, node.line(), node.table(), "parent-key", node.parentKey(), known, problems);
        }
        node.fields().forEach(f -> check(file, f.line(), node.table(), "field", f.column(), known, problems));
        node.orderBy().forEach(o -> check(file, node.line(), node.table(), "order-by", o.column(), known, problems));
        node.filter().ifPresent(p -> p.columns().forEach(c -> check(file, node.line(), node.table(), "filter", c, known, problems)));
        node.dropWhen().ifPresent(p -> p.columns().forEach(c -> check(file, node.line(), node.table(), "drop-when", c, known, problems)));
        node.retention().ifPresent(r -> {
            check(file, node.line(), node.table(), "retention", r.column(), known, problems);
            checkTimestamp(file, node, r.column(), schema, problems);
        });
        node.softDelete().ifPresent(p -> p.columns().forEach(c -> check(file, node.line(), node.table(), "soft-delete", c, known, problems)));
    }

    /**
     * Retention counts from a point in time: any other column would never expire a row, silently. Only a
     * schema read from the source knows types; offline validation cannot check this.
     */
    private static void checkTimestamp(String file, NodeDefinition node, String column, SourceSchema schema, Problems problems) {
        schema.type(node.table(), column).filter(type -> !type.isTimestamp()).ifPresent(type ->
                problems.add(file, node.line(), "retention column '" + column + "' of " + node.table() + " is " + type.name()
                        + ", not a timestamp: retention counts from a point in time (timestamp or timestamptz)"));
    }

    private static void check(String file, int line, String table, String role, String column, Set<String> known,
                              Problems problems) {
        if (!known.contains(column)) {
            problems.add(file, line, role + " column '" + column + "' does not exist in " + table
                    + " (columns: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
        }
    }
}
