package dev.monobridge.connector.http;

import org.bson.BsonDocument;

import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoTrails;

import dev.monobridge.query.Access;
import dev.monobridge.query.ApiException;
import dev.monobridge.query.Responses;
import dev.monobridge.query.Routes;

import io.javalin.http.Context;

/**
 * "Have we seen this?" over the admin API (issue 17), for the admin token alone. The answers are
 * {@link MongoTrails}', as {@code monobridge trace --json} prints them; they hold positions, tables,
 * keys and paths, never a row's values.
 *
 * <pre>
 * GET /admin/trace/projections/{projection}/documents/{key}   the document's _meta and its trail, newest first
 * GET /admin/trace/rows/{table}/{key}                         the documents a source row is in, and its trail
 * </pre>
 */
final class TraceEndpoints {

    /** Longest key or name accepted: a key is a value of a column, never a document. */
    static final int MAX_TEXT = 512;

    private final BridgeView bridge;

    TraceEndpoints(BridgeView bridge) {
        this.bridge = bridge;
    }

    void register(Routes routes) {
        routes.get("/admin/trace/projections/{projection}/documents/{key}", Access.ADMIN, this::document)
                .get("/admin/trace/rows/{table}/{key}", Access.ADMIN, this::row);
    }

    private void document(Context ctx) {
        String name = checked("projection", ctx.pathParam("projection"));
        String key = key(ctx);
        ProjectionDefinition projection = bridge.projections().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("unknown projection '" + name + "'"));
        BsonDocument answer = trails().document(projection, key).orElseThrow(() -> ApiException.notFound(
                "no document with key '" + key + "' in " + name + ", and no trail of one"));
        Responses.json(ctx, 200, answer);
    }

    private void row(Context ctx) {
        String table = checked("table", ctx.pathParam("table"));
        String key = key(ctx);
        ProjectionPlan plan = new ProjectionPlan(bridge.projections());
        if (!plan.tables().contains(table)) {
            throw ApiException.notFound("no projection reads table '" + table + "', so the bridge does not capture it; "
                    + "the tables read are " + String.join(", ", plan.tables().stream().sorted().toList()));
        }
        Responses.json(ctx, 200, trails().row(table, plan.keyColumn(table), key));
    }

    private MongoTrails trails() {
        return new MongoTrails(bridge.database());
    }

    private static String key(Context ctx) {
        String key = checked("key", ctx.pathParam("key"));
        try {
            MongoTrails.candidates(key);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return key;
    }

    private static String checked(String what, String text) {
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw ApiException.badRequest(what + " must be 1 to " + MAX_TEXT + " characters");
        }
        return text;
    }
}
