package dev.monobridge.projector.mongo;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import dev.monobridge.projector.definition.FieldMapping;
import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Checks a stored document's shape against its live definition, from the document alone (no source
 * read): what the bridge guarantees of every document, so that any of these means something wrote it
 * behind the bridge's back, or a bug.
 */
public final class MongoDocumentShape {

    /** What can be wrong with a document's shape; {@link #label()} is its name in metrics and records. */
    public enum Kind {
        /** A list holds more entries than its {@code max-items}. */
        LIST_OVER_MAX_ITEMS("list-over-max-items"),
        /** The document is larger than its {@code max-bytes}, counted as stored BSON. */
        OVER_MAX_BYTES("over-max-bytes"),
        /** A field the definition does not declare, at any level. */
        UNDECLARED_FIELD("undeclared-field"),
        /** {@code _meta.version} is not the live definition's version (or there is no {@code _meta}). */
        STALE_VERSION("stale-version");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One thing wrong, where, and by how much. */
    public record Problem(Kind kind, String path, String detail) {

        @Override
        public String toString() {
            return kind.label() + " at " + path + ": " + detail;
        }
    }

    private MongoDocumentShape() {
    }

    /** Every shape problem of the stored document; empty when it has the shape the definition gives. */
    public static List<Problem> check(BsonDocument stored, ProjectionDefinition live) {
        List<Problem> problems = new ArrayList<>();
        version(stored, live, problems);
        int bytes = bsonBytes(stored);
        if (bytes > live.maxBytes()) {
            problems.add(new Problem(Kind.OVER_MAX_BYTES, "", bytes + " bytes, max-bytes " + live.maxBytes()));
        }
        level(stored, live.root(), "", Set.of("_id", MongoDocumentWrites.META), problems);
        return problems;
    }

    /** The document's size as MongoDB stores it. */
    static int bsonBytes(BsonDocument document) {
        return new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().remaining();
    }

    private static void version(BsonDocument stored, ProjectionDefinition live, List<Problem> problems) {
        BsonValue meta = stored.get(MongoDocumentWrites.META);
        BsonValue version = meta != null && meta.isDocument() ? meta.asDocument().get("version") : null;
        if (version == null || !version.isNumber() || version.asNumber().longValue() != live.version()) {
            problems.add(new Problem(Kind.STALE_VERSION, "_meta.version",
                    (version == null ? "none" : version.isNumber() ? Long.toString(version.asNumber().longValue())
                            : version.getBsonType().name().toLowerCase(java.util.Locale.ROOT))
                            + ", the live definition is version " + live.version()));
        }
    }

    private static void level(BsonDocument document, NodeDefinition node, String path, Set<String> alsoDeclared,
                              List<Problem> problems) {
        Set<String> declared = new HashSet<>(alsoDeclared);
        node.fields().stream().map(FieldMapping::field).forEach(declared::add);
        node.lists().forEach(list -> declared.add(list.field()));
        node.lookups().forEach(lookup -> declared.add(lookup.field()));
        node.aggregates().forEach(aggregate -> declared.add(aggregate.field()));
        for (String field : document.keySet()) {
            if (!declared.contains(field)) {
                problems.add(new Problem(Kind.UNDECLARED_FIELD, join(path, field), "not declared by the definition"));
            }
        }
        for (NodeDefinition list : node.lists()) {
            BsonValue value = document.get(list.field());
            if (value == null || !value.isArray()) {
                continue; // a missing list, or a list that is not one, is a content difference, found by the comparison
            }
            int max = list.maxItems().orElse(Integer.MAX_VALUE);
            if (value.asArray().size() > max) {
                problems.add(new Problem(Kind.LIST_OVER_MAX_ITEMS, join(path, list.field()),
                        value.asArray().size() + " entries, max-items " + max));
            }
            for (int i = 0; i < value.asArray().size(); i++) {
                BsonValue entry = value.asArray().get(i);
                if (entry.isDocument()) {
                    level(entry.asDocument(), list, join(path, list.field()) + "." + i, Set.of(), problems);
                }
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
