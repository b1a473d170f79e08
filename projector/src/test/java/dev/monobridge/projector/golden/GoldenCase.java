package dev.monobridge.projector.golden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/**
 * One folder under {@code golden/}: a projection definition, the changes it is given, and the documents
 * expected afterwards. See {@code golden/README.md} for the file formats.
 *
 * @param expected the expected documents, in canonical form, in {@code _id} order
 */
record GoldenCase(String name, String specifies, ProjectionDefinition definition, List<ChangesFile.Batch> batches,
                  List<Object> expected) {

    static GoldenCase load(Path folder) {
        String name = folder.getFileName().toString();
        String changes = read(folder.resolve("changes.yaml"));
        if (!changes.startsWith("#")) {
            throw new IllegalArgumentException(name + "/changes.yaml must start with a '# comment' saying what the case specifies");
        }
        ProjectionDefinition definition = new ProjectionDefinitionReader()
                .readText(name + "/projection.yaml", read(folder.resolve("projection.yaml")));
        return new GoldenCase(name, comment(changes), definition,
                ChangesFile.read(name + "/changes.yaml", changes),
                expected(name + "/expected.yaml", read(folder.resolve("expected.yaml"))));
    }

    private static List<Object> expected(String file, String text) {
        Object loaded = GoldenYaml.load(file, text);
        if (!(loaded instanceof List<?> documents)) {
            throw new IllegalArgumentException(file + ": expected a list of documents ([] for none)");
        }
        List<Object> canonical = new ArrayList<>();
        for (Object document : documents) {
            if (!(document instanceof Map<?, ?> fields) || !fields.containsKey("_id")) {
                throw new IllegalArgumentException(file + ": every document is a mapping with an _id, not " + document);
            }
            canonical.add(Canonical.of(withPositionAsText(fields, file)));
        }
        return canonical;
    }

    /** {@code _meta: {position: 7}} is written like a change's {@code pos}, and stored as its text form. */
    private static Map<?, ?> withPositionAsText(Map<?, ?> document, String file) {
        if (!(document.get("_meta") instanceof Map<?, ?> meta) || !meta.containsKey("position")) {
            return document;
        }
        Map<Object, Object> newMeta = new LinkedHashMap<>(meta);
        newMeta.put("position", ChangesFile.position(meta.get("position"), file + " _id " + document.get("_id")).toString());
        Map<Object, Object> copy = new LinkedHashMap<>(document);
        copy.put("_meta", newMeta);
        return copy;
    }

    private static String comment(String changes) {
        StringBuilder comment = new StringBuilder();
        for (String line : changes.split("\n")) {
            if (!line.startsWith("#")) {
                break;
            }
            comment.append(line.substring(1).trim()).append(' ');
        }
        return comment.toString().trim();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden case file " + file, e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + specifies + ")";
    }
}
