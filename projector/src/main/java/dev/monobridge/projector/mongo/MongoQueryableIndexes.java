package dev.monobridge.projector.mongo;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.QueryableFields;

/**
 * The indexes the query API's reads need, on a projection's collection. The writer keeps them: the
 * projector's factory creates them on the live collections when it opens (creating an index that exists
 * is a no-op), and a rebuild creates them on its shadow collection before the swap renames it over the
 * live one, so the live collection is never without them, whether or not an HTTP server runs.
 * <ul>
 *   <li>{@code {field: 1, _id: 1}} for each queryable field but the key field (queried as {@code _id}):
 *       serves an equality filter on the field, and a sort by it with the {@code _id} tie-break the
 *       cursor needs, in either direction;</li>
 *   <li>{@code {_meta.writtenAt: -1}}: lets the dashboard count recent writes and find the newest one
 *       without a scan.</li>
 * </ul>
 */
public final class MongoQueryableIndexes {

    /** The name prefix of a queryable field's index; the field's name follows. */
    public static final String QUERY_PREFIX = "monobridge_query_";
    public static final String WRITTEN_AT = "monobridge_written_at";

    private MongoQueryableIndexes() {
    }

    /** Creates the projection's query indexes on {@code collection} (its live collection, or a rebuild's shadow). */
    public static void ensure(MongoDatabase database, ProjectionDefinition projection, String collection) {
        List<IndexModel> indexes = new ArrayList<>();
        for (String field : QueryableFields.of(projection).indexed()) {
            indexes.add(new IndexModel(Indexes.ascending(field, QueryableFields.ID),
                    new IndexOptions().name(QUERY_PREFIX + field)));
        }
        indexes.add(new IndexModel(Indexes.descending("_meta.writtenAt"), new IndexOptions().name(WRITTEN_AT)));
        database.getCollection(collection, BsonDocument.class).createIndexes(indexes);
    }

    /** Creates them on the projection's live collection. */
    public static void ensure(MongoDatabase database, ProjectionDefinition projection) {
        ensure(database, projection, projection.collection());
    }
}
