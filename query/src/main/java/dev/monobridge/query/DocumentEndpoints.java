package dev.monobridge.connector.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;

import dev.monobridge.projector.definition.ProjectionDefinition;

import io.javalin.http.Context;

/**
 * The query API: a team reads the documents of the projections it owns.
 *
 * <pre>
 * GET /v1/projections                                   the projections this token may read
 * GET /v1/projections/{projection}/documents/{key}      one document, with its ETag
 * GET /v1/projections/{projection}/documents?...        a page of documents (see {@link DocumentQuery})
 * </pre>
 * A projection another team owns answers 404, exactly as one that does not exist: a token learns
 * nothing about projections it may not read.
 */
final class DocumentEndpoints {

    private final BridgeView bridge;
    private final int maxPageSize;

    DocumentEndpoints(BridgeView bridge, int maxPageSize) {
        this.bridge = bridge;
        this.maxPageSize = maxPageSize;
    }

    void register(Routes routes) {
        routes.get("/v1/projections", Access.READER, this::listProjections)
                .get("/v1/projections/{projection}/documents", Access.READER, this::listDocuments)
                .get("/v1/projections/{projection}/documents/{key}", Access.READER, this::getDocument);
    }

    private void listProjections(Context ctx) {
        Caller caller = Authenticator.caller(ctx);
        BsonArray projections = new BsonArray();
        for (ProjectionDefinition projection : bridge.projections()) {
            if (caller.mayRead(projection)) {
                BsonArray fields = new BsonArray();
                QueryableFields.of(projection).names().forEach(field -> fields.add(new BsonString(field)));
                projections.add(new BsonDocument("name", new BsonString(projection.name()))
                        .append("team", new BsonString(projection.team()))
                        .append("version", new BsonInt32(projection.version()))
                        .append("maxBytes", new BsonInt32(projection.maxBytes()))
                        .append("documents", new BsonInt64(collection(projection).estimatedDocumentCount()))
                        .append("queryable", fields));
            }
        }
        Responses.json(ctx, 200, new BsonDocument("projections", projections));
    }

    private void getDocument(Context ctx) {
        ProjectionDefinition projection = readable(ctx);
        String key = ctx.pathParam("key");
        List<BsonValue> ids = QueryValues.candidates("the key", key);
        ids.removeIf(BsonValue::isNull);
        BsonDocument document = collection(projection).find(Filters.in(QueryableFields.ID, ids)).first();
        if (document == null) {
            throw ApiException.notFound("no document with key '" + QueryValues.abbreviated(key) + "' in " + projection.name());
        }
        String etag = ETags.of(document);
        ctx.header("Cache-Control", "no-cache");
        if (ETags.matches(Optional.ofNullable(ctx.header("If-None-Match")), etag)) {
            Responses.notModified(ctx, etag);
            return;
        }
        ctx.header("ETag", etag);
        Responses.json(ctx, 200, document);
    }

    private void listDocuments(Context ctx) {
        ProjectionDefinition projection = readable(ctx);
        DocumentQuery query = DocumentQuery.parse(ctx.queryParamMap(), projection.name(), QueryableFields.of(projection), maxPageSize);
        List<BsonDocument> found = collection(projection).find(query.filter()).sort(query.sort()).limit(query.limit() + 1)
                .into(new ArrayList<>());
        List<BsonDocument> page = found.subList(0, Math.min(found.size(), query.limit()));
        String next = found.size() > query.limit()
                ? PageCursor.after(page.get(page.size() - 1), query.sortField(), query.direction()).encode() : null;
        List<String> tags = page.stream().map(ETags::of).toList();
        String etag = ETags.ofPage(tags, next);
        ctx.header("Cache-Control", "no-cache");
        if (ETags.matches(Optional.ofNullable(ctx.header("If-None-Match")), etag)) {
            Responses.notModified(ctx, etag);
            return;
        }
        ctx.header("ETag", etag);
        Responses.json(ctx, 200, new BsonDocument("documents", new BsonArray(new ArrayList<>(page)))
                .append("next", next == null ? BsonNull.VALUE : new BsonString(next)));
    }

    /** The projection named in the path, if this caller may read it; 404 otherwise, whether or not it exists. */
    private ProjectionDefinition readable(Context ctx) {
        Caller caller = Authenticator.caller(ctx);
        String name = ctx.pathParam("projection");
        return bridge.projections().stream()
                .filter(p -> p.name().equals(name) && caller.mayRead(p))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("no projection '" + QueryValues.abbreviated(name)
                        + "' that this token may read"));
    }

    private MongoCollection<BsonDocument> collection(ProjectionDefinition projection) {
        return bridge.database().getCollection(projection.collection(), BsonDocument.class);
    }
}
