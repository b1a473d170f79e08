package dev.monobridge.projector.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads projection definitions, one YAML file per projection, and reports every problem at once with
 * file and line. The format is described in the README ("Projection definitions").
 */
public final class ProjectionDefinitionReader {

    private static final Set<String> TOP_KEYS = Set.of("name", "team", "collection", "version", "max-bytes", "root");
    private static final Set<String> ROOT_KEYS = Set.of("table", "key", "fields", "filter", "retention", "soft-delete", "lists",
            "lookups", "aggregates");
    private static final Set<String> LIST_KEYS = Set.of("table", "key", "parent-key", "fields", "order-by", "max-items",
            "drop-when", "retention", "soft-delete", "lists", "lookups", "aggregates");
    private static final Set<String> RETENTION_KEYS = Set.of("column", "keep");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*");
    static final Pattern FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    /**
     * Levels of lists below the root. MongoDB nests documents at most 100 levels deep and each list
     * level takes two (the array and its entry), with room left for json columns inside an entry; and
     * reading, rendering and diffing recurse once per level.
     */
    static final int MAX_LIST_DEPTH = 10;

    /**
     * The smallest byte budget: a document holding only its {@code _id} and {@code _meta} takes about
     * 160 to 250 bytes (the projection's name and the key make the difference), so a smaller budget could
     * hold hardly a field beside them, and nearly every document would become a dead letter.
     */
    static final int MIN_MAX_BYTES = 512;

    private static final Pattern ORDER = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\s+(asc|desc))?", Pattern.CASE_INSENSITIVE);

    /** Reads every {@code *.yaml} file in a directory; throws {@link ConfigException} listing all problems. */
    public List<ProjectionDefinition> readDirectory(Path directory) {
        Problems problems = new Problems();
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(directory)) {
            listing.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().forEach(files::add);
        } catch (IOException e) {
            problems.add(directory.toString(), 0, "cannot list projection definitions: " + e.getMessage());
        }
        if (files.isEmpty() && problems.isEmpty()) {
            problems.add(directory.toString(), 0, "no projection definitions (*.yaml) found");
        }
        List<Located> located = new ArrayList<>();
        for (Path file : files) {
            YamlNode.parse(file, problems).flatMap(root -> readLocated(root, problems)).ifPresent(located::add);
        }
        checkUnique(located, problems);
        problems.throwIfAny();
        return located.stream().map(Located::definition).toList();
    }

    /** Reads one definition from text; for tests and golden cases. */
    public ProjectionDefinition readText(String file, String yaml) {
        Problems problems = new Problems();
        Optional<ProjectionDefinition> definition = YamlNode.parse(file, yaml, problems).flatMap(root -> read(root, problems));
        problems.throwIfAny();
        return definition.orElseThrow();
    }

    Optional<ProjectionDefinition> read(YamlNode document, Problems problems) {
        return readLocated(document, problems).map(Located::definition);
    }

    /** A definition with the lines of its name and collection, for problems found across files. */
    private record Located(ProjectionDefinition definition, int nameLine, int collectionLine) {
    }

    private Optional<Located> readLocated(YamlNode document, Problems problems) {
        int before = problems.list().size();
        Map<String, YamlNode> top = document.entries("a projection definition", problems);
        YamlNode.rejectUnknownKeys(document, top, TOP_KEYS, "the projection definition", problems);
        String name = requiredText(document, top, "name", problems, NAME, "lower-case letters, digits and '-'");
        String team = requiredText(document, top, "team", problems, NAME, "lower-case letters, digits and '-'");
        String collection = collection(document, top, problems);
        int version = positiveInt(document, top, "version", problems).orElse(0);
        int maxBytes = maxBytes(top.get("max-bytes"), problems);
        NodeDefinition root = null;
        if (!top.containsKey("root")) {
            problems.add(document.file(), document.line(), "missing 'root'");
        } else {
            root = node(top.get("root"), null, 0, problems);
        }
        if (problems.list().size() > before || root == null) {
            return Optional.empty();
        }
        return Optional.of(new Located(new ProjectionDefinition(name, team, collection, version, root, document.file(), maxBytes),
                top.get("name").line(), top.get("collection").line()));
    }

    private static String collection(YamlNode document, Map<String, YamlNode> top, Problems problems) {
        YamlNode value = top.get("collection");
        if (value == null) {
            problems.add(document.file(), document.line(), "missing 'collection'");
            return null;
        }
        Optional<String> text = value.text("'collection'", problems);
        Optional<String> problem = text.flatMap(CollectionNames::problem);
        problem.ifPresent(p -> problems.add(value.file(), value.line(), p));
        return problem.isPresent() ? null : text.orElse(null);
    }

    /** One level: the root at depth 0, a list at the depth of its nesting. */
    private NodeDefinition node(YamlNode yaml, String field, int depth, Problems problems) {
        boolean isRoot = depth == 0;
        String where = isRoot ? "the root" : "list '" + field + "'";
        Map<String, YamlNode> entries = yaml.entries(where, problems);
        YamlNode.rejectUnknownKeys(yaml, entries, isRoot ? ROOT_KEYS : LIST_KEYS, where, problems);
        String table = requiredText(yaml, entries, "table", problems, TABLE, "schema.table");
        String key = requiredText(yaml, entries, "key", problems, IDENTIFIER, "a column name");
        String parentKey = isRoot ? null : requiredText(yaml, entries, "parent-key", problems, IDENTIFIER, "a column name");
        List<FieldMapping> fields = fields(entries.get("fields"), where, problems);
        if (key != null && fields.stream().noneMatch(f -> f.column().equals(key))) {
            // Targeted updates find a list entry by its key, so the key is always in the document.
            fields.add(0, new FieldMapping(key, key, yaml.line()));
        }
        checkFieldNames(fields, isRoot, yaml.file(), problems);
        List<Integer> orderByLines = new ArrayList<>();
        List<OrderBy> orderBy = orderBy(entries.get("order-by"), orderByLines, problems);
        Optional<Integer> maxItems = entries.containsKey("max-items")
                ? positiveInt(yaml, entries, "max-items", problems) : Optional.empty();
        if (!isRoot) {
            checkBounded(yaml, where, entries, orderBy, problems);
            checkParentKeyIsNotTheKey(yaml, field, table, key, parentKey, entries, problems);
        }
        List<NodeDefinition> lists = new ArrayList<>();
        if (entries.containsKey("lists") && depth >= MAX_LIST_DEPTH) {
            problems.add(yaml.file(), entries.get("lists").line(), "lists nest more than " + MAX_LIST_DEPTH
                    + " levels below the root");
        } else if (entries.containsKey("lists")) {
            YamlNode listsNode = entries.get("lists");
            for (Map.Entry<String, YamlNode> list : listsNode.entries("'lists'", problems).entrySet()) {
                if (!FIELD.matcher(list.getKey()).matches()) {
                    problems.add(yaml.file(), list.getValue().line(), "list name '" + list.getKey() + "' must be letters, digits and '_'");
                }
                lists.add(node(list.getValue(), list.getKey(), depth + 1, problems));
            }
        }
        Set<String> names = new HashSet<>();
        fields.forEach(f -> names.add(f.field()));
        for (NodeDefinition list : lists) {
            if (!names.add(list.field())) {
                problems.add(yaml.file(), list.line(), "list '" + list.field() + "' has the same name as another field of " + where);
            }
        }
        List<LookupDefinition> lookups = FigureReader.lookups(entries.get("lookups"), where, problems);
        for (LookupDefinition lookup : lookups) {
            if (!names.add(lookup.field())) {
                problems.add(yaml.file(), lookup.lines().lookup(), "lookup '" + lookup.field() + "' has the same name as another field of " + where);
            }
        }
        List<AggregateDefinition> aggregates = FigureReader.aggregates(entries.get("aggregates"), where, problems);
        for (AggregateDefinition aggregate : aggregates) {
            if (!names.add(aggregate.field())) {
                problems.add(yaml.file(), aggregate.lines().aggregate(), "aggregate '" + aggregate.field() + "' has the same name as another field of " + where);
            }
        }
        Optional<Predicate> filter = predicate(entries.get("filter"), "filter", problems);
        Optional<Predicate> dropWhen = predicate(entries.get("drop-when"), "drop-when", problems);
        Optional<Retention> retention = retention(entries.get("retention"), problems);
        Optional<Predicate> softDelete = predicate(entries.get("soft-delete"), "soft-delete", problems);
        NodeDefinition.Lines lines = new NodeDefinition.Lines(lineOf(entries, "table", yaml), lineOf(entries, "key", yaml),
                lineOf(entries, "parent-key", yaml), orderByLines, lineOf(entries, "filter", yaml),
                lineOf(entries, "drop-when", yaml), lineOf(entries, "retention", yaml), lineOf(entries, "soft-delete", yaml));
        return new NodeDefinition(field, table, key, parentKey, fields, orderBy, maxItems, lists, yaml.line(),
                filter, dropWhen, retention, softDelete, lines, lookups, aggregates);
    }

    private static int lineOf(Map<String, YamlNode> entries, String key, YamlNode level) {
        YamlNode value = entries.get(key);
        return value == null ? level.line() : value.line();
    }

    /**
     * Every list is bounded, and says which entries its bound keeps. There is deliberately no way to
     * turn the bound off: an unbounded list is how the original homepage document grew every day until
     * it took the site down on Boxing Day (see the README).
     */
    private static void checkBounded(YamlNode yaml, String where, Map<String, YamlNode> entries, List<OrderBy> orderBy,
                                     Problems problems) {
        if (!entries.containsKey("max-items")) {
            problems.add(yaml.file(), yaml.line(), where + " has no 'max-items': every list is bounded, so say the most "
                    + "entries a page shows (e.g. 'max-items: 20')");
        }
        YamlNode order = entries.get("order-by");
        // A malformed entry is reported where it is; an empty list is as good as none.
        if (order == null || order.isSequence() && order.items("'order-by'", new Problems()).isEmpty()) {
            int line = entries.containsKey("order-by") ? entries.get("order-by").line() : yaml.line();
            problems.add(yaml.file(), line, where + " has no 'order-by': 'max-items' keeps the first entries, so the order "
                    + "must say which (e.g. 'order-by: [placed_at desc, id desc]', or 'order-by: [id]' for key order)");
        }
    }

    /**
     * A list holds the rows that point at their parent. A parent key that is the row's own key joins
     * each row to the parent with the same key value: that is the tempting form of a many-to-one
     * reference (a {@code products} list under {@code orders} with {@code parent-key: id}), and silently wrong.
     */
    private static void checkParentKeyIsNotTheKey(YamlNode yaml, String field, String table, String key, String parentKey,
                                                  Map<String, YamlNode> entries, Problems problems) {
        if (key != null && key.equals(parentKey)) {
            problems.add(yaml.file(), entries.get("parent-key").line(), "parent-key '" + parentKey + "' of list '" + field
                    + "' is the key of " + table + " itself, so each row would join the parent row whose key has the same value. "
                    + "The parent key is the column of " + table + " that holds the parent's key (an 'order_id', say); "
                    + SuggestedFix.MANY_TO_ONE);
        }
    }

    static Optional<Predicate> predicate(YamlNode yaml, String key, Problems problems) {
        if (yaml == null) {
            return Optional.empty();
        }
        return yaml.text("'" + key + "'", problems).flatMap(text -> {
            try {
                return Optional.of(PredicateParser.parse(text));
            } catch (IllegalArgumentException e) {
                problems.add(yaml.file(), yaml.line(), "bad '" + key + "' predicate: " + e.getMessage());
                return Optional.empty();
            }
        });
    }

    private static Optional<Retention> retention(YamlNode yaml, Problems problems) {
        if (yaml == null) {
            return Optional.empty();
        }
        Map<String, YamlNode> entries = yaml.entries("'retention'", problems);
        YamlNode.rejectUnknownKeys(yaml, entries, RETENTION_KEYS, "'retention'", problems);
        String column = requiredText(yaml, entries, "column", problems, IDENTIFIER, "a timestamp column");
        YamlNode keepNode = entries.get("keep");
        if (keepNode == null) {
            problems.add(yaml.file(), yaml.line(), "missing 'keep' (how long after the column's time, e.g. 30m, 2h, 7d)");
            return Optional.empty();
        }
        Optional<java.time.Duration> keep = keepNode.text("'keep'", problems).flatMap(text -> {
            try {
                return Optional.of(Retention.parseKeep(text));
            } catch (IllegalArgumentException e) {
                problems.add(keepNode.file(), keepNode.line(), e.getMessage());
                return Optional.empty();
            }
        });
        return column == null || keep.isEmpty() ? Optional.empty() : Optional.of(new Retention(column, keep.get()));
    }

    static List<FieldMapping> fields(YamlNode yaml, String where, Problems problems) {
        List<FieldMapping> fields = new ArrayList<>();
        if (yaml == null) {
            return fields;
        }
        if (yaml.isMapping()) {
            yaml.entries("'fields'", problems).forEach((column, name) ->
                    name.text("field name", problems).ifPresent(field -> fields.add(mapping(column, field, name, problems))));
            return fields;
        }
        for (YamlNode item : yaml.items("'fields' of " + where, problems)) {
            if (item.isMapping()) {
                item.entries("a field", problems).forEach((column, name) ->
                        name.text("field name", problems).ifPresent(field -> fields.add(mapping(column, field, name, problems))));
            } else {
                item.text("a field", problems).ifPresent(column -> fields.add(mapping(column, column, item, problems)));
            }
        }
        return fields;
    }

    private static FieldMapping mapping(String column, String field, YamlNode at, Problems problems) {
        if (!IDENTIFIER.matcher(column).matches()) {
            problems.add(at.file(), at.line(), "'" + column + "' is not a column name");
        }
        return new FieldMapping(column, field, at.line());
    }

    static void checkFieldNames(List<FieldMapping> fields, boolean isRoot, String file, Problems problems) {
        Set<String> seen = new HashSet<>();
        for (FieldMapping field : fields) {
            if (!FIELD.matcher(field.field()).matches()) {
                // '$' and '.' would be read by MongoDB as operators and paths.
                problems.add(file, field.line(), "field name '" + field.field() + "' must be letters, digits and '_', starting with a letter");
            } else if (!seen.add(field.field())) {
                problems.add(file, field.line(), "field '" + field.field() + "' is mapped twice");
            }
        }
    }

    private List<OrderBy> orderBy(YamlNode yaml, List<Integer> lines, Problems problems) {
        List<OrderBy> orderBy = new ArrayList<>();
        if (yaml == null) {
            return orderBy;
        }
        List<YamlNode> items = yaml.isScalar() ? List.of(yaml) : yaml.items("'order-by'", problems);
        for (YamlNode item : items) {
            item.text("an order-by entry", problems).ifPresent(text -> {
                var matcher = ORDER.matcher(text.trim());
                if (matcher.matches()) {
                    orderBy.add(new OrderBy(matcher.group(1), "desc".equalsIgnoreCase(matcher.group(2))));
                    lines.add(item.line());
                } else {
                    problems.add(item.file(), item.line(), "order-by entry '" + text + "' must be 'column', 'column asc' or 'column desc'");
                }
            });
        }
        return orderBy;
    }

    static String requiredText(YamlNode parent, Map<String, YamlNode> entries, String key, Problems problems,
                                       Pattern pattern, String expected) {
        YamlNode value = entries.get(key);
        if (value == null) {
            problems.add(parent.file(), parent.line(), "missing '" + key + "'");
            return null;
        }
        Optional<String> text = value.text("'" + key + "'", problems);
        if (text.isPresent() && !pattern.matcher(text.get()).matches()) {
            problems.add(value.file(), value.line(), "'" + key + "' is '" + text.get() + "', expected " + expected);
            return null;
        }
        return text.orElse(null);
    }

    /** The byte budget: a whole number up to MongoDB's own limit; {@link ProjectionDefinition#DEFAULT_MAX_BYTES} when unset. */
    private static int maxBytes(YamlNode value, Problems problems) {
        if (value == null) {
            return ProjectionDefinition.DEFAULT_MAX_BYTES;
        }
        Optional<String> text = value.text("'max-bytes'", problems);
        if (text.isEmpty()) {
            return ProjectionDefinition.DEFAULT_MAX_BYTES;
        }
        try {
            long bytes = Long.parseLong(text.get().trim());
            if (bytes >= MIN_MAX_BYTES && bytes <= ProjectionDefinition.MONGO_MAX_BYTES) {
                return (int) bytes;
            }
            if (bytes > 0 && bytes < MIN_MAX_BYTES) {
                problems.add(value.file(), value.line(), "'max-bytes' is " + bytes + ", below the least of " + MIN_MAX_BYTES
                        + " (a document with only its _id and _meta takes about 200)");
                return ProjectionDefinition.MONGO_MAX_BYTES;
            }
            if (bytes > ProjectionDefinition.MONGO_MAX_BYTES) {
                problems.add(value.file(), value.line(), "'max-bytes' is " + bytes + ", above MongoDB's limit of "
                        + ProjectionDefinition.MONGO_MAX_BYTES);
                return ProjectionDefinition.MONGO_MAX_BYTES;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(value.file(), value.line(), "'max-bytes' is '" + text.get() + "', expected a whole number from " + MIN_MAX_BYTES + " to "
                + ProjectionDefinition.MONGO_MAX_BYTES);
        return ProjectionDefinition.MONGO_MAX_BYTES;
    }

    private static Optional<Integer> positiveInt(YamlNode parent, Map<String, YamlNode> entries, String key, Problems problems) {
        YamlNode value = entries.get(key);
        if (value == null) {
            problems.add(parent.file(), parent.line(), "missing '" + key + "'");
            return Optional.empty();
        }
        return value.text("'" + key + "'", problems).flatMap(text -> {
            try {
                int number = Integer.parseInt(text.trim());
                if (number > 0) {
                    return Optional.of(number);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            problems.add(value.file(), value.line(), "'" + key + "' is '" + text + "', expected a whole number above 0");
            return Optional.empty();
        });
    }

    private static void checkUnique(List<Located> definitions, Problems problems) {
        Map<String, Located> names = new HashMap<>();
        Map<String, Located> collections = new HashMap<>();
        for (Located located : definitions) {
            ProjectionDefinition definition = located.definition();
            Located other = names.putIfAbsent(definition.name(), located);
            if (other != null) {
                problems.add(definition.file(), located.nameLine(), "projection name '" + definition.name()
                        + "' is also used by " + other.definition().file() + ":" + other.nameLine());
            }
            other = collections.putIfAbsent(definition.collection(), located);
            if (other != null) {
                problems.add(definition.file(), located.collectionLine(), "collection '" + definition.collection()
                        + "' is also used by " + other.definition().file() + ":" + other.collectionLine()
                        + " (each projection needs its own)");
            }
        }
    }
}
