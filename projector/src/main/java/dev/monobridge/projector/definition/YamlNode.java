package dev.monobridge.projector.definition;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * A YAML node that remembers its file and line, so that every problem found while reading
 * configuration can say where it is. Reading methods report problems to a {@link Problems} and return
 * empty results rather than throw, so that one pass finds everything that is wrong.
 */
public final class YamlNode {

    private final String file;
    private final Node node;

    private YamlNode(String file, Node node) {
        this.file = file;
        this.node = node;
    }

    /**
     * Parses a file: UTF-8, at most {@link ConfigFileText#MAX_BYTES} bytes (checked before reading),
     * with bounded nesting and aliases. Every problem is reported with its line and gives an empty result.
     */
    public static Optional<YamlNode> parse(Path path, Problems problems) {
        return ConfigFileText.read(path, problems).flatMap(text -> parse(path.toString(), text, problems));
    }

    public static Optional<YamlNode> parse(String file, String text, Problems problems) {
        if (text.length() > ConfigFileText.MAX_BYTES) {
            problems.add(file, 0, ConfigFileText.tooLarge(text.getBytes(StandardCharsets.UTF_8).length));
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder().setLabel(file).setCodePointLimit(ConfigFileText.MAX_BYTES)
                .setMaxAliasesForCollections(BoundedYamlParser.MAX_COLLECTION_ALIASES).build();
        try (Reader reader = new StringReader(text)) {
            Composer composer = new Composer(settings,
                    new BoundedYamlParser(new ParserImpl(settings, new StreamReader(settings, reader))));
            Optional<Node> root = composer.getSingleNode();
            if (root.isEmpty()) {
                problems.add(file, 0, "the file is empty");
            }
            return root.map(n -> new YamlNode(file, n));
        } catch (BoundedYamlParser.Refused e) {
            problems.add(file, e.line(), "not accepted: " + e.getMessage());
            return Optional.empty();
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            problems.add(file, line, "not valid YAML: " + e.getProblem());
            return Optional.empty();
        } catch (ReaderException e) {
            problems.add(file, lineAt(text, e.getPosition()), String.format("not valid YAML: character U+%04X is not "
                    + "allowed", e.getCodePoint()));
            return Optional.empty();
        } catch (YamlEngineException | IOException e) {
            problems.add(file, 0, "not valid YAML: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The 1-based line of a code point offset into the text. */
    private static int lineAt(String text, int codePoints) {
        int line = 1;
        int end = text.offsetByCodePoints(0, Math.min(Math.max(0, codePoints), text.codePointCount(0, text.length())));
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    public String file() {
        return file;
    }

    /** The 1-based line this node starts on. */
    public int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    public boolean isMapping() {
        return node instanceof MappingNode;
    }

    public boolean isSequence() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The scalar's text, or empty (with a problem) when this node is not a scalar. */
    public Optional<String> text(String what, Problems problems) {
        if (node instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        problems.add(file, line(), what + " must be a single value, not a " + kind());
        return Optional.empty();
    }

    /** The mapping's entries, keyed by their text, in file order. */
    public Map<String, YamlNode> entries(String what, Problems problems) {
        if (!(node instanceof MappingNode mapping)) {
            problems.add(file, line(), what + " must be a mapping (key: value), not a " + kind());
            return Map.of();
        }
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            YamlNode key = new YamlNode(file, tuple.getKeyNode());
            key.text("a key", problems).ifPresent(name -> {
                if (entries.put(name, new YamlNode(file, tuple.getValueNode())) != null) {
                    problems.add(file, key.line(), "duplicate key '" + name + "'");
                }
            });
        }
        return entries;
    }

    /** The sequence's items, or empty (with a problem) when this node is not a sequence. */
    public List<YamlNode> items(String what, Problems problems) {
        if (!(node instanceof SequenceNode sequence)) {
            problems.add(file, line(), what + " must be a list, not a " + kind());
            return List.of();
        }
        List<YamlNode> items = new ArrayList<>();
        for (Node item : sequence.getValue()) {
            items.add(new YamlNode(file, item));
        }
        return items;
    }

    /** Reports every key of a mapping that is not among the known ones, with a suggestion for typos. */
    public static void rejectUnknownKeys(YamlNode mapping, Map<String, YamlNode> entries, Set<String> known,
                                         String where, Problems problems) {
        for (Map.Entry<String, YamlNode> entry : entries.entrySet()) {
            if (!known.contains(entry.getKey())) {
                problems.add(mapping.file, entry.getValue().line(), "unknown key '" + entry.getKey() + "' in " + where
                        + DidYouMean.among(entry.getKey(), known) + " (known keys: " + String.join(", ", new TreeSet<>(known)) + ")");
            }
        }
    }

    private String kind() {
        if (node instanceof MappingNode) {
            return "mapping";
        }
        return node instanceof SequenceNode ? "list" : "single value";
    }
}
