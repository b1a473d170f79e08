package dev.monobridge.query;

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
import org.bson.conversions.Bson;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.QueryableFields;

import io.javalin.http.Context;

/**
 * The query API: a team reads the documents of the projections it owns.
 *
 * <pre>
 * GET /v1/projections                                   the projections this token may read
 * GET /v1/projections/{projection}/documents/{key}      one document, with its ETag
 * GET /v1/projections/{projection}/documents?...        a page of documents (see {@link DocumentQuery}), with its ETag
 * </pre>
 * A projection another team owns answers 404, exactly as one that does not exist: a token learns
 * nothing about projections it may not read.
 *
 * <p>Definitions come from {@link LiveProjections}, an immutable snapshot: no request waits for the
 * writer. Documents come from MongoDB; a conditional request ({@code If-None-Match}) first reads only
 * what the ETag is made of ({@code _meta}, and for a page the sort field the next cursor needs), and
 * answers 304 from that; only a changed document or page is read whole.
 */
public final class DocumentEndpoints {

    /**
     * Documents and pages: a browser or an app's HTTP cache may keep them ({@code private}), but must ask
     * again each time ({@code no-cache}), which costs a 304 and no body while the ETag still matches:
     * the documents follow the source within moments, so any {@code max-age} would serve stale data. Not
     * {@code public}: they are a team's data, asked for with its token, and no shared cache may hold them.
     * {@code Vary: Authorization}: the same URL answers another token differently (404).
     */
    static final String DOCUMENT_CACHE_CONTROL = "private, no-cache";

    private final LiveProjections projections;
    private final MongoDatabase database;
    private final int maxPageSize;

    public DocumentEndpoints(LiveProjections projections, MongoDatabase database, int maxPageSize) {
        this.projections = projections;
        this.database = database;
        this.maxPageSize = maxPageSize;
    }

    public void register(Routes routes) {
        routes.get("/v1/projections", Access.READER, this::listProjections)
                .get("/v1/projections/{projection}/documents", Access.READER, this::listDocuments)
                .get("/v1/projections/{projection}/documents/{key}", Access.READER, this::getDocument);
    }

    private void listProjections(Context ctx) {
        Caller caller = Authenticator.caller(ctx);
        BsonArray readable = new BsonArray();
        for (ProjectionDefinition projection : projections.projections()) {
            if (caller.mayRead(projection)) {
                BsonArray fields = new BsonArray();
                QueryableFields.of(projection).names().forEach(field -> fields.add(new BsonString(field)));
                readable.add(new BsonDocument("name", new BsonString(projection.name()))
                        .append("team", new BsonString(projection.team()))
                        .append("version", new BsonInt32(projection.version()))
                        .append("maxBytes", new BsonInt32(projection.maxBytes()))
                        .append("documents", new BsonInt64(collection(projection).estimatedDocumentCount()))
                        .append("queryable", fields));
            }
        }
        Responses.json(ctx, 200, new BsonDocument("projections", readable));
    }

    private void getDocument(Context ctx) {
        ProjectionDefinition projection = readable(ctx);
        String key = ctx.pathParam("key");
        List<BsonValue> ids = QueryValues.candidates("the key", key);
        ids.removeIf(BsonValue::isNull);
        Bson filter = Filters.in(QueryableFields.ID, ids);
        Optional<String> ifNoneMatch = Optional.ofNullable(ctx.header("If-None-Match"));
        cacheable(ctx);
        if (ifNoneMatch.isPresent()) {
            BsonDocument meta = collection(projection).find(filter).projection(Projections.include(ETags.META)).first();
            if (meta != null && ETags.fromMeta(meta).filter(tag -> ETags.matches(ifNoneMatch, tag))
                    .map(tag -> notModified(ctx, tag)).orElse(false)) {
                return;
            }
        }
        BsonDocument document = collection(projection).find(filter).first();
        if (document == null) {
            throw ApiException.notFound("no document with key '" + QueryValues.abbreviated(key) + "' in " + projection.name());
        }
        String etag = ETags.of(document);
        if (ETags.matches(ifNoneMatch, etag)) {
            notModified(ctx, etag);
            return;
        }
        ctx.header("ETag", etag);
        Responses.json(ctx, 200, document);
    }

    private void listDocuments(Context ctx) {
        ProjectionDefinition projection = readable(ctx);
        DocumentQuery query = DocumentQuery.parse(ctx.queryParamMap(), projection.name(), QueryableFields.of(projection), maxPageSize);
        Optional<String> ifNoneMatch = Optional.ofNullable(ctx.header("If-None-Match"));
        cacheable(ctx);
        if (ifNoneMatch.isPresent()) {
            // What the page's tag is made of: each document's _meta, and the last one's sort value and _id.
            Page tags = page(query, find(projection, query).projection(Projections.include(ETags.META, query.sortField())));
            if (tags.etagFromMeta().filter(tag -> ETags.matches(ifNoneMatch, tag)).map(tag -> notModified(ctx, tag)).orElse(false)) {
                return;
            }
        }
        Page page = page(query, find(projection, query));
        String etag = page.etag();
        if (ETags.matches(ifNoneMatch, etag)) {
            notModified(ctx, etag);
            return;
        }
        ctx.header("ETag", etag);
        Responses.json(ctx, 200, new BsonDocument("documents", new BsonArray(new ArrayList<>(page.documents())))
                .append("next", page.next() == null ? BsonNull.VALUE : new BsonString(page.next())));
    }

    private FindIterable<BsonDocument> find(ProjectionDefinition projection, DocumentQuery query) {
        return collection(projection).find(query.filter()).sort(query.sort()).limit(query.limit() + 1);
    }

    /** One more than a page is asked for: whether it came tells whether there is a next page. */
    private static Page page(DocumentQuery query, FindIterable<BsonDocument> found) {
        List<BsonDocument> all = found.into(new ArrayList<>());
        List<BsonDocument> documents = all.subList(0, Math.min(all.size(), query.limit()));
        String next = all.size() > query.limit()
                ? PageCursor.after(documents.get(documents.size() - 1), query.sortField(), query.direction()).encode() : null;
        return new Page(documents, next);
    }

    /** A page, or what its tag is made of. */
    private record Page(List<BsonDocument> documents, String next) {

        String etag() {
            return ETags.ofPage(documents.stream().map(ETags::of).toList(), next);
        }

        /** The same tag, from the documents' {@code _meta} alone; empty when one has none to make it from. */
        Optional<String> etagFromMeta() {
            List<String> tags = new ArrayList<>(documents.size());
            for (BsonDocument document : documents) {
                Optional<String> tag = ETags.fromMeta(document);
                if (tag.isEmpty()) {
                    return Optional.empty();
                }
                tags.add(tag.get());
            }
            return Optional.of(ETags.ofPage(tags, next));
        }
    }

    private static void cacheable(Context ctx) {
        ctx.header("Cache-Control", DOCUMENT_CACHE_CONTROL).header("Vary", "Authorization");
    }

    private static boolean notModified(Context ctx, String etag) {
        Responses.notModified(ctx, etag);
        return true;
    }

    /** The projection named in the path, if this caller may read it; 404 otherwise, whether or not it exists. */
    private ProjectionDefinition readable(Context ctx) {
        Caller caller = Authenticator.caller(ctx);
        String name = ctx.pathParam("projection");
        return projections.projections().stream()
                .filter(p -> p.name().equals(name) && caller.mayRead(p))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("no projection '" + QueryValues.abbreviated(name)
                        + "' that this token may read"));
    }

    private MongoCollection<BsonDocument> collection(ProjectionDefinition projection) {
        return database.getCollection(projection.collection(), BsonDocument.class);
    }
}
