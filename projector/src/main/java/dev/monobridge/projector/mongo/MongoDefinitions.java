package dev.monobridge.projector.mongo;

import java.util.Optional;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/**
 * The definition each projection's live documents were built with, kept beside them. When a definition
 * file changes its version, the live documents keep being written with the stored definition until a
 * rebuild swaps in the new one, so that a collection never mixes versions.
 */
public final class MongoDefinitions {

    private final MongoCollection<BsonDocument> collection;

    public MongoDefinitions(MongoDatabase database) {
        this.collection = database.getCollection(MongoProjectionStore.PROJECTOR, BsonDocument.class);
    }

    /** The stored definition of the projection, if one was stored. */
    public Optional<ProjectionDefinition> live(String projection) {
        BsonDocument stored = collection.find(Filters.eq("_id", id(projection))).first();
        if (stored == null) {
            return Optional.empty();
        }
        return Optional.of(new ProjectionDefinitionReader().readText(
                "stored definition of " + projection + " (version " + stored.getInt32("version").getValue() + ")",
                stored.getString("text").getValue()));
    }

    public void store(ProjectionDefinition definition, String text) {
        collection.replaceOne(Filters.eq("_id", id(definition.name())), new BsonDocument("_id", new BsonString(id(definition.name())))
                        .append("version", new BsonInt32(definition.version()))
                        .append("text", new BsonString(text)),
                new ReplaceOptions().upsert(true));
    }

    private static String id(String projection) {
        return "definition:" + projection;
    }
}
