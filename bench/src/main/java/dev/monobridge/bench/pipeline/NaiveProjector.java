package dev.monobridge.bench.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Unavailable;
import dev.monobridge.projector.core.ChangeSink;
import dev.monobridge.projector.core.DeadLetter;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.FieldMapping;
import dev.monobridge.projector.definition.NodeDefinition;

/**
 * The seed story's projector, rebuilt as a baseline: for every change and every document it touches,
 * read the whole document, re-nest the row into it in memory, and write the whole document back. It
 * routes a child to its root through the parent-key column of the change's after image and a routing
 * map it keeps in memory (row → chain of ancestor keys), as that design did.
 *
 * <p>It reproduces what the projection definitions say for inserts and updates: the same fields under
 * the same names, nested in the same places, with the same values. It has no bounds, no ordering, no
 * filters and no retention, and it ignores deletes: entries are never removed. That is the design
 * under test, not an oversight.
 */
final class NaiveProjector implements ChangeSink {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    private final MongoDatabase database;
    private final ProjectionPlan plan;
    /** For each level that has lists below it: row key → keys from the root down to that row. */
    private final Map<NodeDefinition, Map<Object, List<Object>>> routes = new IdentityHashMap<>();
    private volatile long applied;
    private long ignoredDeletes;
    private long unroutable;

    NaiveProjector(MongoDatabase database, ProjectionPlan plan) {
        this.database = database;
        this.plan = plan;
    }

    @Override
    public void accept(List<Change> changes, List<DeadLetter> unreadable) {
        for (Change change : changes) {
            if (!change.op().leavesRow()) {
                ignoredDeletes++;
            } else {
                for (ProjectionPlan.Placement placement : plan.placements(change.table())) {
                    apply(change, placement);
                }
            }
            applied++;
        }
    }

    private void apply(Change change, ProjectionPlan.Placement placement) {
        Object key = change.key().singleValue();
        List<Object> path = path(placement, key, change.after());
        if (path == null) {
            unroutable++;
            return;
        }
        if (!placement.node().lists().isEmpty()) {
            routes.computeIfAbsent(placement.node(), n -> new HashMap<>()).put(key, path);
        }
        MongoCollection<BsonDocument> collection = database.getCollection(placement.projection().collection(), BsonDocument.class);
        BsonValue id = NaiveValues.toBson(path.get(0));
        BsonDocument document = collection.find(Filters.eq("_id", id)).first();
        if (document == null) {
            // A child may come first (the snapshot reads bet before customer): start the document with it.
            document = new BsonDocument("_id", id);
        }
        BsonDocument level = level(document, chain(placement), path);
        fill(level, placement.node(), change.after());
        document.remove("_meta");
        document.put("_meta", new BsonDocument()
                .append("projection", new BsonString(placement.projection().name()))
                .append("version", new BsonInt32(placement.projection().version()))
                .append("position", new BsonString(change.position().toString()))
                .append("commitTime", new BsonDateTime(change.commitTime().toEpochMilli()))
                .append("writtenAt", new BsonDateTime(Instant.now().toEpochMilli())));
        collection.replaceOne(Filters.eq("_id", id), document, UPSERT);
    }

    /** Keys from the root down to this row, or null when its parent was never seen. */
    private List<Object> path(ProjectionPlan.Placement placement, Object key, Map<String, Object> after) {
        if (placement.parent() == null) {
            return List.of(key);
        }
        Object parentKey = after.get(placement.node().parentKey());
        List<Object> parentPath;
        if (placement.parent().parent() == null) {
            parentPath = List.of(parentKey);
        } else {
            parentPath = routes.getOrDefault(placement.parent().node(), Map.of()).get(parentKey);
            if (parentPath == null) {
                return null;
            }
        }
        List<Object> path = new ArrayList<>(parentPath.size() + 1);
        path.addAll(parentPath);
        path.add(key);
        return path;
    }

    /** The levels from the root down to this placement's. */
    private static List<NodeDefinition> chain(ProjectionPlan.Placement placement) {
        List<NodeDefinition> chain = new ArrayList<>();
        for (ProjectionPlan.Placement p = placement; p != null; p = p.parent()) {
            chain.add(0, p.node());
        }
        return chain;
    }

    /** The entry (or the document itself, for the root) that holds the row, created (with its parents) when new. */
    private static BsonDocument level(BsonDocument document, List<NodeDefinition> chain, List<Object> path) {
        BsonDocument level = document;
        for (int depth = 1; depth < chain.size(); depth++) {
            NodeDefinition node = chain.get(depth);
            BsonValue list = level.get(node.field());
            if (list == null || !list.isArray()) {
                list = new BsonArray();
                level.put(node.field(), list);
            }
            BsonValue key = NaiveValues.toBson(path.get(depth));
            BsonDocument entry = find(list.asArray(), node.keyField(), key);
            if (entry == null) {
                // The row itself, or a parent entry not written yet: its own change fills it in later.
                entry = new BsonDocument(node.keyField(), key);
                list.asArray().add(entry);
            }
            level = entry;
        }
        return level;
    }

    private static BsonDocument find(BsonArray list, String keyField, BsonValue key) {
        for (BsonValue entry : list) {
            if (entry.isDocument() && key.equals(entry.asDocument().get(keyField))) {
                return entry.asDocument();
            }
        }
        return null;
    }

    private static void fill(BsonDocument level, NodeDefinition node, Map<String, Object> after) {
        for (FieldMapping field : node.fields()) {
            if (after.containsKey(field.column()) && after.get(field.column()) != Unavailable.VALUE) {
                level.put(field.field(), NaiveValues.toBson(after.get(field.column())));
            }
        }
        for (NodeDefinition list : node.lists()) {
            if (!level.containsKey(list.field())) {
                level.put(list.field(), new BsonArray());
            }
        }
    }

    /** Changes applied so far, snapshot reads included; read by the document sampler's thread. */
    long applied() {
        return applied;
    }

    long ignoredDeletes() {
        return ignoredDeletes;
    }

    long unroutable() {
        return unroutable;
    }
}
