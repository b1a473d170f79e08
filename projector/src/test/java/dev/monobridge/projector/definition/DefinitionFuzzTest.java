package dev.monobridge.projector.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.projector.definition.SourceSchema.ColumnType;

/**
 * Broken definition files, generated from the demo's: truncated at many points, every key given values of
 * the wrong type, huge numbers, deep nesting, alias bombs and odd encodings. Reading and validating them
 * may only ever report {@code file:line: what} problems: never throw anything else, and never take long.
 */
class DefinitionFuzzTest {

    private static final Path DEMO = Path.of("../config/projections");
    private static final long SEED = 20261201L;
    private static final Duration BUDGET = Duration.ofSeconds(90);
    private static final Duration SLOWEST_CASE = Duration.ofSeconds(5);
    private static final Pattern KEY_LINE = Pattern.compile("^(\\s*(?:- )?)([A-Za-z_-]+):( .*)?$");
    private static final Pattern PROBLEM = Pattern.compile("^\\S.*?(:\\d+)?: [^\\n]+$");
    private static final List<String> WRONG_VALUES = List.of("[a, b]", "{a: b}", "''", "-1", "null", "true",
            "99999999999999999999999999", "1e400", "'$x.y'", "\"\\0\"", "&a [*a]", "!java.lang.Runtime x",
            "'" + "x".repeat(5000) + "'");

    @TempDir
    Path work;

    /** Whether the last case checked was refused with problems (rather than read as valid). */
    private boolean lastHadProblems;

    @Test
    void brokenDefinitionsOnlyEverGiveFileLineProblems() throws IOException {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        for (Path demo : demoFiles()) {
            String text = Files.readString(demo);
            String name = demo.getFileName().toString();
            truncations(name, text, cases);
            wrongTypes(name, text, cases);
            encodings(name, text, cases);
            corruptions(name, text, cases);
        }
        nesting(cases);
        aliases(cases);

        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int problemCases = 0;
        for (Map.Entry<String, byte[]> entry : cases.entrySet()) {
            Optional<String> failure = check(entry.getKey(), entry.getValue());
            failure.ifPresent(failures::add);
            if (failure.isEmpty() && lastHadProblems) {
                problemCases++;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        System.out.printf("DefinitionFuzzTest: %d cases, %d with problems, in %d ms%n", cases.size(), problemCases, took.toMillis());

        assertThat(failures).isEmpty();
        assertThat(cases).hasSizeGreaterThan(1000);
        assertThat(problemCases).as("cases that were refused").isGreaterThan(cases.size() / 2);
        assertThat(took).isLessThan(BUDGET);
    }

    /** Reads and validates one file; describes what went wrong, if anything did. */
    private Optional<String> check(String name, byte[] bytes) throws IOException {
        Path directory = Files.createDirectories(work.resolve("case" + name.hashCode() + "_" + Integer.toHexString(bytes.length)));
        Path file = directory.resolve("fuzz.yaml");
        Files.write(file, bytes);
        long started = System.nanoTime();
        lastHadProblems = false;
        try {
            List<ProjectionDefinition> definitions = new ProjectionDefinitionReader().readDirectory(directory);
            DefinitionValidator.validate(definitions, schemaFor(definitions));
        } catch (ConfigException e) {
            lastHadProblems = true;
            for (ConfigProblem problem : e.problems()) {
                if (!PROBLEM.matcher(problem.toString()).matches() || !problem.file().equals(file.toString())) {
                    return Optional.of(name + ": not a file:line problem: " + problem);
                }
            }
        } catch (Throwable e) {
            return Optional.of(name + ": threw " + e);
        } finally {
            Files.delete(file);
            Files.delete(directory);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return took.compareTo(SLOWEST_CASE) > 0 ? Optional.of(name + ": took " + took.toMillis() + " ms") : Optional.empty();
    }

    /** A schema with every table and column the definitions name, half of them typed wrongly for retention. */
    private static SourceSchema schemaFor(List<ProjectionDefinition> definitions) {
        Map<String, Set<String>> tables = new HashMap<>();
        for (ProjectionDefinition definition : definitions) {
            for (NodeDefinition node : definition.root().selfAndDescendants()) {
                tables.computeIfAbsent(node.table(), t -> new HashSet<>()).addAll(node.columnsRead());
            }
        }
        return new SourceSchema() {
            @Override
            public Optional<Set<String>> columns(String table) {
                return Optional.ofNullable(tables.get(table));
            }

            @Override
            public Optional<ColumnType> type(String table, String column) {
                return Optional.of(new ColumnType(column.hashCode() % 2 == 0 ? "timestamptz" : "text", column.hashCode() % 2 == 0));
            }
        };
    }

    private static List<Path> demoFiles() throws IOException {
        try (Stream<Path> files = Files.list(DEMO)) {
            List<Path> demo = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
            assertThat(demo).isNotEmpty();
            return demo;
        }
    }

    /** Cut at every line end and at many points inside lines. */
    private static void truncations(String name, String text, Map<String, byte[]> cases) {
        for (int at = 0; at < text.length(); at += 11) {
            cases.put(name + " cut at " + at, utf8(text.substring(0, at)));
        }
        for (int at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
            cases.put(name + " cut at line end " + at, utf8(text.substring(0, at)));
        }
    }

    /** Every key's value replaced by each wrong value in turn. */
    private static void wrongTypes(String name, String text, Map<String, byte[]> cases) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = KEY_LINE.matcher(lines[i]);
            if (!m.matches()) {
                continue;
            }
            for (String value : WRONG_VALUES) {
                String[] changed = lines.clone();
                changed[i] = m.group(1) + m.group(2) + ": " + value;
                cases.put(name + " line " + (i + 1) + " " + m.group(2) + " = " + abbreviated(value), utf8(String.join("\n", changed)));
            }
        }
    }

    private static void encodings(String name, String text, Map<String, byte[]> cases) {
        String accented = text.replace("name: ", "name: é");
        cases.put(name + " in UTF-16", text.getBytes(StandardCharsets.UTF_16));
        cases.put(name + " in UTF-16LE without a byte order mark", text.getBytes(StandardCharsets.UTF_16LE));
        cases.put(name + " in UTF-16BE without a byte order mark", text.getBytes(StandardCharsets.UTF_16BE));
        cases.put(name + " in Latin-1", accented.getBytes(StandardCharsets.ISO_8859_1));
        cases.put(name + " with a UTF-8 byte order mark", utf8("\uFEFF" + accented));
        cases.put(name + " with two byte order marks", utf8("\uFEFF\uFEFF" + text));
        cases.put(name + " with CR line ends", utf8(text.replace("\n", "\r")));
        cases.put(name + " with tabs", utf8(text.replace("  ", "\t")));
    }

    /** NUL bytes, control characters and random bytes at many places. */
    private static void corruptions(String name, String text, Map<String, byte[]> cases) {
        byte[] bytes = utf8(text);
        Random random = new Random(SEED + name.hashCode());
        for (int i = 0; i < 60; i++) {
            byte[] changed = bytes.clone();
            int at = random.nextInt(changed.length);
            byte value = switch (i % 4) {
                case 0 -> 0;
                case 1 -> (byte) 0x07;
                case 2 -> (byte) (0x80 + random.nextInt(0x80));
                default -> (byte) random.nextInt(256);
            };
            changed[at] = value;
            cases.put(name + " byte " + at + " = " + (value & 0xFF), changed);
        }
    }

    private static void nesting(Map<String, byte[]> cases) {
        String head = "name: deep\nteam: web\ncollection: deep\nversion: 1\nroot:\n  table: public.t\n  key: id\n";
        for (int depth : List.of(63, 64, 65, 1000, 100_000)) {
            cases.put("flow lists " + depth, utf8(head + "  fields: " + "[".repeat(depth) + "]".repeat(depth) + "\n"));
            cases.put("flow mappings " + depth, utf8(head + "  fields: " + "{a: ".repeat(depth) + "b" + "}".repeat(depth) + "\n"));
            cases.put("unclosed flow " + depth, utf8(head + "  fields: " + "[".repeat(depth) + "\n"));
            cases.put("predicate parentheses " + depth, utf8(head + "  filter: \"" + "(".repeat(depth) + "a = 1" + ")".repeat(depth) + "\"\n"));
            cases.put("predicate nots " + depth, utf8(head + "  filter: \"" + "not ".repeat(depth) + "a = 1\"\n"));
            cases.put("predicate ors " + depth, utf8(head + "  filter: \"" + String.join(" or ", java.util.Collections.nCopies(depth, "a = 1")) + "\"\n"));
        }
        for (int depth : List.of(9, 10, 11, 200)) {
            StringBuilder yaml = new StringBuilder(head);
            String indent = "  ";
            for (int level = 1; level <= depth; level++) {
                yaml.append(indent).append("lists:\n").append(indent).append("  l").append(level).append(":\n")
                        .append(indent).append("    table: public.t").append(level).append('\n')
                        .append(indent).append("    key: id\n").append(indent).append("    parent-key: p\n");
                indent += "    ";
            }
            cases.put("lists nested " + depth, utf8(yaml.toString()));
        }
        StringBuilder block = new StringBuilder();
        for (int level = 0; level < 1000; level++) {
            block.append("  ".repeat(level)).append("k").append(level).append(":\n");
        }
        cases.put("block mappings 1000", utf8(block.toString()));
        cases.put("huge numbers", utf8(head.replace("version: 1", "version: " + "9".repeat(400))
                + "  max-items: 1e99999\n  retention: {column: t, keep: " + "9".repeat(400) + "d}\n"));
        for (String keep : List.of("999999999999999d", "99999999999999999s", "9223372036854775807s", "106751991167301d", "0s")) {
            cases.put("keep " + keep, utf8(head + "  retention: {column: t, keep: " + keep + "}\n"));
        }
        cases.put("long single line", utf8("name: " + "x".repeat(ConfigFileText.MAX_BYTES)));
        cases.put("just over the size limit", utf8(head + "#" + "x".repeat(ConfigFileText.MAX_BYTES)));
    }

    private static void aliases(Map<String, byte[]> cases) {
        String head = "name: alias\nteam: web\ncollection: alias\nversion: 1\n";
        cases.put("alias cycle in lists", utf8(head + "root: &r\n  table: public.t\n  key: id\n  lists:\n    again: *r\n"));
        cases.put("alias cycle in lists of a list", utf8(head + "root:\n  table: public.t\n  key: id\n  lists: &l\n    l:\n"
                + "      table: public.u\n      key: id\n      parent-key: p\n      lists: *l\n"));
        cases.put("alias to itself", utf8("a: &a [*a]\n"));
        cases.put("undefined alias", utf8(head + "root: *nothing\n"));
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 9; level++) {
            bomb.append("a").append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                bomb.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            bomb.append("]\n");
        }
        cases.put("billion laughs", utf8(bomb.toString()));
        StringBuilder shared = new StringBuilder(head + "root:\n  table: public.t\n  key: id\n  fields: &f [a, b]\n  lists:\n");
        for (int i = 0; i < 12; i++) {
            shared.append("    l").append(i).append(": {table: public.u").append(i).append(", key: id, parent-key: p, fields: *f}\n");
        }
        cases.put("twelve shared field lists", utf8(shared.toString()));
        cases.put("alias as a key", utf8(head + "root: {&k table: public.t, *k : x, key: id}\n"));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviated(String value) {
        return value.length() > 30 ? value.substring(0, 30) + "…" : value;
    }
}
