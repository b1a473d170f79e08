package dev.monobridge.projector.definition;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks definitions against the source database and against each other: every table and column must
 * exist (a misspelled one gets a "did you mean"), a retention column must hold timestamps, a parent key
 * must have the type of its parent's key, and a table may appear only once in a projection (a row must
 * have one place in a document). Each problem is reported at the line that names what is wrong.
 */
public final class DefinitionValidator {

    /**
     * PostgreSQL type names that hold the same values once captured, so that a join between them is
     * sound: every integer type becomes a 64-bit integer, and every text type a text.
     */
    private static final Map<String, String> TYPE_FAMILIES = Map.ofEntries(
            Map.entry("int2", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "integer"),
            Map.entry("smallserial", "integer"), Map.entry("serial", "integer"), Map.entry("bigserial", "integer"),
            Map.entry("text", "text"), Map.entry("varchar", "text"), Map.entry("bpchar", "text"));

    /** Type families a sum can add up exactly (or, for floats, as the source does). */
    private static final Set<String> NUMERIC = Set.of("integer", "numeric", "decimal", "float4", "float8", "money",
            "INT", "BIGINT", "SMALLINT", "TINYINT", "MEDIUMINT", "DECIMAL", "FLOAT", "DOUBLE",
            "INT UNSIGNED", "BIGINT UNSIGNED", "SMALLINT UNSIGNED", "TINYINT UNSIGNED", "MEDIUMINT UNSIGNED", "DECIMAL UNSIGNED");

    private DefinitionValidator() {
    }

    /** Throws {@link ConfigException} listing every problem found. */
    public static void validate(List<ProjectionDefinition> definitions, SourceSchema schema) {
        Problems problems = new Problems();
        for (ProjectionDefinition definition : definitions) {
            Set<String> tables = new HashSet<>();
            checkNode(definition, definition.root(), null, tables, schema, problems);
        }
        problems.throwIfAny();
    }

    private static void checkNode(ProjectionDefinition definition, NodeDefinition node, NodeDefinition parent,
                                  Set<String> tables, SourceSchema schema, Problems problems) {
        if (!tables.add(node.table())) {
            problems.add(definition.file(), node.lines().table(), "table " + node.table()
                    + " appears more than once in projection '" + definition.name() + "'");
        }
        boolean known = checkColumns(definition.file(), node, schema, problems);
        if (known && parent != null) {
            checkJoinTypes(definition.file(), node, parent, schema, problems);
        }
        node.lookups().forEach(lookup -> checkLookup(definition.file(), node, known, lookup, schema, problems));
        node.aggregates().forEach(aggregate -> checkAggregate(definition.file(), node, known, aggregate, schema, problems));
        node.lists().forEach(list -> checkNode(definition, list, node, tables, schema, problems));
    }

    /** Whether the table exists (its columns were then checked). */
    private static boolean checkColumns(String file, NodeDefinition node, SourceSchema schema, Problems problems) {
        Optional<Set<String>> columns = schema.columns(node.table());
        NodeDefinition.Lines lines = node.lines();
        if (columns.isEmpty()) {
            problems.add(file, lines.table(), "table " + node.table() + " does not exist in the source database"
                    + DidYouMean.among(node.table(), schema.tables()));
            return false;
        }
        Set<String> known = columns.get();
        check(file, lines.key(), node.table(), "key", node.key(), known, problems);
        if (node.parentKey() != null) {
            check(file, lines.parentKey(), node.table(), "parent-key", node.parentKey(), known, problems);
        }
        node.fields().forEach(f -> check(file, f.line(), node.table(), "field", f.column(), known, problems));
        for (int i = 0; i < node.orderBy().size(); i++) {
            check(file, lines.orderBy().get(i), node.table(), "order-by", node.orderBy().get(i).column(), known, problems);
        }
        node.filter().ifPresent(p -> p.columns().forEach(c -> check(file, lines.filter(), node.table(), "filter", c, known, problems)));
        node.dropWhen().ifPresent(p -> p.columns().forEach(c -> check(file, lines.dropWhen(), node.table(), "drop-when", c, known, problems)));
        node.retention().ifPresent(r -> {
            if (check(file, lines.retention(), node.table(), "retention", r.column(), known, problems)) {
                checkTimestamp(file, node, r.column(), schema, problems);
            }
        });
        node.softDelete().ifPresent(p -> p.columns().forEach(c -> check(file, lines.softDelete(), node.table(), "soft-delete", c, known, problems)));
        return true;
    }

    /**
     * A parent key of another type than the parent's key never matches it, or matches by accident (a
     * text code against a number): that is a reference to some other table, not a list of children.
     * Only a schema read from the source knows types; offline validation cannot check this.
     */
    private static void checkJoinTypes(String file, NodeDefinition node, NodeDefinition parent, SourceSchema schema,
                                       Problems problems) {
        Optional<SourceSchema.ColumnType> childType = schema.type(node.table(), node.parentKey());
        Optional<SourceSchema.ColumnType> parentType = schema.type(parent.table(), parent.key());
        if (childType.isEmpty() || parentType.isEmpty() || family(childType.get()).equals(family(parentType.get()))) {
            return;
        }
        problems.add(file, node.lines().parentKey(), "parent-key '" + node.parentKey() + "' of list '" + node.field() + "' is "
                + childType.get().name() + ", but the key '" + parent.key() + "' of its parent " + parent.table() + " is "
                + parentType.get().name() + ": a list's parent key holds its parent's key; " + SuggestedFix.MANY_TO_ONE);
    }

    /**
     * A lookup's table and columns exist, its via column is a column of the level's table, and holds
     * values of the referenced key's type: otherwise no row ever matches, or one matches by accident.
     */
    private static void checkLookup(String file, NodeDefinition node, boolean nodeKnown, LookupDefinition lookup,
                                    SourceSchema schema, Problems problems) {
        String where = "lookup '" + lookup.field() + "'";
        if (nodeKnown) {
            check(file, lookup.lines().via(), node.table(), where + " via", lookup.via(), schema.columns(node.table()).orElseThrow(), problems);
        }
        Optional<Set<String>> columns = schema.columns(lookup.table());
        if (columns.isEmpty()) {
            problems.add(file, lookup.lines().table(), where + ": table " + lookup.table() + " does not exist in the source database"
                    + DidYouMean.among(lookup.table(), schema.tables()));
            return;
        }
        boolean keyKnown = check(file, lookup.lines().key(), lookup.table(), where + " key", lookup.key(), columns.get(), problems);
        lookup.fields().forEach(f -> check(file, f.line(), lookup.table(), where + " field", f.column(), columns.get(), problems));
        if (!nodeKnown || !keyKnown) {
            return;
        }
        Optional<SourceSchema.ColumnType> viaType = schema.type(node.table(), lookup.via());
        Optional<SourceSchema.ColumnType> keyType = schema.type(lookup.table(), lookup.key());
        if (viaType.isPresent() && keyType.isPresent() && !family(viaType.get()).equals(family(keyType.get()))) {
            problems.add(file, lookup.lines().via(), where + ": via column '" + lookup.via() + "' of " + node.table() + " is "
                    + viaType.get().name() + ", but the key '" + lookup.key() + "' of " + lookup.table() + " is " + keyType.get().name()
                    + ": the via column holds the referenced row's key, so their types must match");
        }
    }

    /** An aggregate's table and columns exist, its parent key has the level key's type, and a sum is of numbers. */
    private static void checkAggregate(String file, NodeDefinition node, boolean nodeKnown, AggregateDefinition aggregate,
                                       SourceSchema schema, Problems problems) {
        String where = "aggregate '" + aggregate.field() + "'";
        AggregateDefinition.Lines lines = aggregate.lines();
        Optional<Set<String>> columns = schema.columns(aggregate.table());
        if (columns.isEmpty()) {
            problems.add(file, lines.table(), where + ": table " + aggregate.table() + " does not exist in the source database"
                    + DidYouMean.among(aggregate.table(), schema.tables()));
            return;
        }
        Set<String> known = columns.get();
        check(file, lines.key(), aggregate.table(), where + " key", aggregate.key(), known, problems);
        boolean parentKeyKnown = check(file, lines.parentKey(), aggregate.table(), where + " parent-key", aggregate.parentKey(), known, problems);
        if (aggregate.column() != null && check(file, lines.column(), aggregate.table(), where + " " + aggregate.function().text(),
                aggregate.column(), known, problems) && aggregate.function() == AggregateDefinition.Function.SUM) {
            schema.type(aggregate.table(), aggregate.column()).filter(type -> !NUMERIC.contains(family(type))).ifPresent(type ->
                    problems.add(file, lines.column(), where + " sums '" + aggregate.column() + "' of " + aggregate.table() + ", which is "
                            + type.name() + ": a sum is of a numeric column"));
        }
        aggregate.filter().ifPresent(p -> p.columns().forEach(c -> check(file, lines.filter(), aggregate.table(), where + " filter", c, known, problems)));
        if (!nodeKnown || !parentKeyKnown) {
            return;
        }
        Optional<SourceSchema.ColumnType> childType = schema.type(aggregate.table(), aggregate.parentKey());
        Optional<SourceSchema.ColumnType> levelType = schema.type(node.table(), node.key());
        if (childType.isPresent() && levelType.isPresent() && !family(childType.get()).equals(family(levelType.get()))) {
            problems.add(file, lines.parentKey(), where + ": parent-key '" + aggregate.parentKey() + "' of " + aggregate.table() + " is "
                    + childType.get().name() + ", but the key '" + node.key() + "' of " + node.table() + " is " + levelType.get().name()
                    + ": an aggregate's parent key holds the key of the level it is on");
        }
    }

    private static String family(SourceSchema.ColumnType type) {
        return TYPE_FAMILIES.getOrDefault(type.name(), type.name());
    }

    /**
     * Retention counts from a point in time: any other column would never expire a row, silently. Only a
     * schema read from the source knows types; offline validation cannot check this.
     */
    private static void checkTimestamp(String file, NodeDefinition node, String column, SourceSchema schema, Problems problems) {
        schema.type(node.table(), column).filter(type -> !type.isTimestamp()).ifPresent(type ->
                problems.add(file, node.lines().retention(), "retention column '" + column + "' of " + node.table() + " is " + type.name()
                        + ", not a timestamp: retention counts from a point in time (timestamp or timestamptz)"));
    }

    /** Whether the column exists; when it does not, a problem with the nearest column's name. */
    private static boolean check(String file, int line, String table, String role, String column, Set<String> known,
                                 Problems problems) {
        if (known.contains(column)) {
            return true;
        }
        problems.add(file, line, role + " column '" + column + "' does not exist in " + table
                + DidYouMean.among(column, known) + " (columns: " + String.join(", ", new TreeSet<>(known)) + ")");
        return false;
    }
}
