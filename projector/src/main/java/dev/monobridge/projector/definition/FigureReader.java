package dev.monobridge.projector.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Reads a level's {@code lookups:} and {@code aggregates:}, the parts of a level that show rows which are
 * not its own: a referenced row, and figures over its children. Problems are reported as the rest of a
 * definition's, with file and line.
 */
final class FigureReader {

    private static final Set<String> LOOKUP_KEYS = Set.of("table", "key", "via", "fields", "missing");
    private static final Set<String> AGGREGATE_KEYS = Set.of("count", "sum", "min", "max", "of", "key", "parent-key", "filter");

    private FigureReader() {
    }

    static List<LookupDefinition> lookups(YamlNode yaml, String where, Problems problems) {
        return each(yaml, "'lookups' of " + where, problems, (name, entry) -> lookup(name, entry, where, problems));
    }

    /** Reads each named entry of a mapping (none when it is absent), keeping those that read without a problem. */
    private static <T> List<T> each(YamlNode yaml, String what, Problems problems,
                                    BiFunction<String, YamlNode, Optional<T>> reader) {
        List<T> read = new ArrayList<>();
        if (yaml == null) {
            return read;
        }
        for (Map.Entry<String, YamlNode> entry : yaml.entries(what, problems).entrySet()) {
            reader.apply(entry.getKey(), entry.getValue()).ifPresent(read::add);
        }
        return read;
    }

    private static Optional<LookupDefinition> lookup(String name, YamlNode yaml, String where, Problems problems) {
        String what = "lookup '" + name + "' of " + where;
        checkName(name, "lookup", yaml, problems);
        Map<String, YamlNode> entries = yaml.entries(what, problems);
        if (entries.containsKey("lookups")) {
            // Routing a change of a row two references away needs a reverse index per hop; not built yet.
            problems.add(yaml.file(), entries.get("lookups").line(), what + " has lookups of its own: a lookup of a lookup "
                    + "is not supported yet; embed the second table from the level that holds its key, or add the column to a view");
            entries.remove("lookups");
        }
        YamlNode.rejectUnknownKeys(yaml, entries, LOOKUP_KEYS, what, problems);
        String table = ProjectionDefinitionReader.requiredText(yaml, entries, "table", problems,
                ProjectionDefinitionReader.TABLE, "schema.table");
        String key = ProjectionDefinitionReader.requiredText(yaml, entries, "key", problems,
                ProjectionDefinitionReader.IDENTIFIER, "the referenced table's primary-key column");
        String via = ProjectionDefinitionReader.requiredText(yaml, entries, "via", problems,
                ProjectionDefinitionReader.IDENTIFIER, "the column that holds the referenced key");
        List<FieldMapping> fields = ProjectionDefinitionReader.fields(entries.get("fields"), what, problems);
        if (!entries.containsKey("fields")) {
            problems.add(yaml.file(), yaml.line(), what + " has no 'fields': say which columns of the referenced row to show");
        }
        ProjectionDefinitionReader.checkFieldNames(fields, false, yaml.file(), problems);
        LookupDefinition.Missing missing = missing(entries.get("missing"), what, problems);
        if (table == null || key == null || via == null) {
            return Optional.empty();
        }
        return Optional.of(new LookupDefinition(name, table, key, via, fields, missing,
                new LookupDefinition.Lines(yaml.line(), lineOf(entries, "table", yaml), lineOf(entries, "key", yaml),
                        lineOf(entries, "via", yaml))));
    }

    private static LookupDefinition.Missing missing(YamlNode yaml, String what, Problems problems) {
        if (yaml == null) {
            return LookupDefinition.Missing.NULL;
        }
        Optional<String> text = yaml.text("'missing'", problems);
        for (LookupDefinition.Missing rule : LookupDefinition.Missing.values()) {
            if (text.isPresent() && rule.text().equals(text.get().trim())) {
                return rule;
            }
        }
        text.ifPresent(t -> problems.add(yaml.file(), yaml.line(), "'missing' of " + what + " is '" + t
                + "', expected 'null' (the subdocument is null) or 'leave-out' (the entry is left out)"));
        return LookupDefinition.Missing.NULL;
    }

    static List<AggregateDefinition> aggregates(YamlNode yaml, String where, Problems problems) {
        return each(yaml, "'aggregates' of " + where, problems, (name, entry) -> aggregate(name, entry, where, problems));
    }

    private static Optional<AggregateDefinition> aggregate(String name, YamlNode yaml, String where, Problems problems) {
        String what = "aggregate '" + name + "' of " + where;
        checkName(name, "aggregate", yaml, problems);
        Map<String, YamlNode> entries = yaml.entries(what, problems);
        YamlNode.rejectUnknownKeys(yaml, entries, AGGREGATE_KEYS, what, problems);
        List<AggregateDefinition.Function> asked = new ArrayList<>();
        for (AggregateDefinition.Function function : AggregateDefinition.Function.values()) {
            if (entries.containsKey(function.text())) {
                asked.add(function);
            }
        }
        if (asked.size() != 1) {
            problems.add(yaml.file(), yaml.line(), what + " must say exactly one of 'count: schema.table', 'sum: column', "
                    + "'min: column' or 'max: column'" + (asked.isEmpty() ? "" : ", not " + asked.size()));
            return Optional.empty();
        }
        AggregateDefinition.Function function = asked.get(0);
        String table;
        String column = null;
        int tableLine;
        int columnLine = yaml.line();
        if (function == AggregateDefinition.Function.COUNT) {
            table = ProjectionDefinitionReader.requiredText(yaml, entries, "count", problems,
                    ProjectionDefinitionReader.TABLE, "the counted table, schema.table");
            tableLine = lineOf(entries, "count", yaml);
            if (entries.containsKey("of")) {
                problems.add(yaml.file(), entries.get("of").line(), what + " counts the table named by 'count'; 'of' is for sum, min and max");
            }
        } else {
            column = ProjectionDefinitionReader.requiredText(yaml, entries, function.text(), problems,
                    ProjectionDefinitionReader.IDENTIFIER, "a column of the table named by 'of'");
            columnLine = lineOf(entries, function.text(), yaml);
            table = ProjectionDefinitionReader.requiredText(yaml, entries, "of", problems,
                    ProjectionDefinitionReader.TABLE, "the child table, schema.table");
            tableLine = lineOf(entries, "of", yaml);
        }
        String key = entries.containsKey("key")
                ? ProjectionDefinitionReader.requiredText(yaml, entries, "key", problems,
                        ProjectionDefinitionReader.IDENTIFIER, "the child table's primary-key column")
                : AggregateDefinition.DEFAULT_KEY;
        String parentKey = ProjectionDefinitionReader.requiredText(yaml, entries, "parent-key", problems,
                ProjectionDefinitionReader.IDENTIFIER, "the child table's column that holds this level's key");
        Optional<Predicate> filter = ProjectionDefinitionReader.predicate(entries.get("filter"), "filter", problems);
        if (table == null || key == null || parentKey == null || function != AggregateDefinition.Function.COUNT && column == null) {
            return Optional.empty();
        }
        return Optional.of(new AggregateDefinition(name, function, column, table, key, parentKey, filter,
                new AggregateDefinition.Lines(yaml.line(), tableLine, lineOf(entries, "key", yaml), columnLine,
                        lineOf(entries, "parent-key", yaml), lineOf(entries, "filter", yaml))));
    }

    private static void checkName(String name, String what, YamlNode at, Problems problems) {
        if (!ProjectionDefinitionReader.FIELD.matcher(name).matches()) {
            problems.add(at.file(), at.line(), what + " name '" + name + "' must be letters, digits and '_', starting with a letter");
        }
    }

    private static int lineOf(Map<String, YamlNode> entries, String key, YamlNode level) {
        YamlNode value = entries.get(key);
        return value == null ? level.line() : value.line();
    }
}
