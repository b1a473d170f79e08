package dev.monobridge.bench.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Checks that the naive baseline built the same documents as Monobridge: every field of every
 * document and list entry Monobridge holds must be in the naive document, with the same value. The
 * naive documents may hold more (it never removes or bounds anything) and in another order, which is
 * the difference being measured, not a disagreement.
 */
public final class Agreement {

    private static final int EXAMPLES = 5;

    private long documents;
    private long entries;
    private long mismatches;
    private final List<String> examples = new ArrayList<>();

    private Agreement() {
    }

    public static Agreement between(MongoDatabase monobridge, MongoDatabase naive, List<ProjectionDefinition> projections) {
        Agreement agreement = new Agreement();
        for (ProjectionDefinition projection : projections) {
            MongoCollection<BsonDocument> theirs = naive.getCollection(projection.collection(), BsonDocument.class);
            try (MongoCursor<BsonDocument> cursor = monobridge.getCollection(projection.collection(), BsonDocument.class).find().iterator()) {
                while (cursor.hasNext()) {
                    BsonDocument ours = cursor.next();
                    agreement.documents++;
                    BsonDocument other = theirs.find(Filters.eq("_id", ours.get("_id"))).first();
                    String where = projection.collection() + " " + ours.get("_id");
                    if (other == null) {
                        agreement.mismatch(where + ": the naive pipeline has no such document");
                    } else {
                        agreement.compare(projection.root(), ours, other, where);
                    }
                }
            }
        }
        return agreement;
    }

    private void compare(NodeDefinition node, BsonDocument ours, BsonDocument theirs, String where) {
        for (Map.Entry<String, BsonValue> field : ours.entrySet()) {
            String name = field.getKey();
            if (name.equals("_meta") || name.equals("_id")) {
                continue;
            }
            NodeDefinition list = node.lists().stream().filter(l -> l.field().equals(name)).findFirst().orElse(null);
            BsonValue other = theirs.get(name);
            if (list == null) {
                if (!field.getValue().equals(other)) {
                    mismatch(where + "." + name + ": " + field.getValue() + " against " + other);
                }
                continue;
            }
            if (other == null || !other.isArray()) {
                mismatch(where + "." + name + ": the naive document has no such list");
                continue;
            }
            for (BsonValue entry : field.getValue().asArray()) {
                entries++;
                BsonValue key = entry.asDocument().get(list.keyField());
                BsonDocument match = other.asArray().stream()
                        .filter(BsonValue::isDocument).map(BsonValue::asDocument)
                        .filter(e -> key.equals(e.get(list.keyField())))
                        .findFirst().orElse(null);
                String entryWhere = where + "." + name + "[" + list.keyField() + "=" + key + "]";
                if (match == null) {
                    mismatch(entryWhere + ": missing from the naive document");
                } else {
                    compare(list, entry.asDocument(), match, entryWhere);
                }
            }
        }
    }

    private void mismatch(String what) {
        mismatches++;
        if (examples.size() < EXAMPLES) {
            examples.add(what);
        }
    }

    public long documents() {
        return documents;
    }

    public long entries() {
        return entries;
    }

    public long mismatches() {
        return mismatches;
    }

    public List<String> examples() {
        return examples;
    }

    @Override
    public String toString() {
        return documents + " documents and " + entries + " list entries compared, " + mismatches + " disagreements"
                + (examples.isEmpty() ? "" : " (e.g. " + String.join("; ", examples) + ")");
    }
}
