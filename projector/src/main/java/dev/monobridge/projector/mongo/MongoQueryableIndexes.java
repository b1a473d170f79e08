package dev.monobridge.connector.http;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexModel;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;

import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * The indexes the HTTP server's queries need, created when it starts (creating an index that exists is
 * a no-op), and again after a rebuild, whose swap replaces the collection with one built without them.
 * <ul>
 *   <li>{@code {field: 1, _id: 1}} for each queryable field but the key field (queried as {@code _id}): serves an equality filter on the field, and a
 *       sort by it with the {@code _id} tie-break the cursor needs, in either direction;</li>
 *   <li>{@code {_meta.writtenAt: -1}}: lets the dashboard count recent writes and find the newest one
 *       without a scan.</li>
 * </ul>
 */
final class QueryableIndexes {

    private QueryableIndexes() {
    }

    static void ensure(MongoDatabase database, ProjectionDefinition projection) {
        List<IndexModel> indexes = new ArrayList<>();
        for (String field : QueryableFields.of(projection).indexed()) {
            indexes.add(new IndexModel(Indexes.ascending(field, QueryableFields.ID),
                    new IndexOptions().name("monobridge_query_" + field)));
        }
        indexes.add(new IndexModel(Indexes.descending("_meta.writtenAt"), new IndexOptions().name("monobridge_written_at")));
        database.getCollection(projection.collection(), BsonDocument.class).createIndexes(indexes);
    }
}
