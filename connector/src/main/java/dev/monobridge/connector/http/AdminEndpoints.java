package dev.monobridge.connector.http;

import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import dev.monobridge.projector.mongo.MongoProjectionStore;
import dev.monobridge.projector.rebuild.RebuildProgress;

import io.javalin.http.Context;
import dev.monobridge.query.Access;
import dev.monobridge.query.ApiException;
import dev.monobridge.query.QueryStrings;
import dev.monobridge.query.QueryValues;
import dev.monobridge.query.Responses;
import dev.monobridge.query.Routes;

/**
 * The admin API, for the admin token alone.
 *
 * <pre>
 * GET  /admin/status                                   documents, sizes, lag, dead letters, rebuilds, pending definitions
 * GET  /admin/history                                  the last ten minutes of figures, for charts
 * POST /admin/projections/{projection}/rebuild[?key=]  rebuild a projection (202), or repair one document
 * POST /admin/projections/{projection}/rebuild/cancel  cancel its running rebuild
 * GET  /admin/dead-letters[?projection=&amp;limit=]        the newest dead letters, with their reasons
 * GET  /admin/trace/...                               a document's or a row's trail: see TraceEndpoints
 * </pre>
 */
final class AdminEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(AdminEndpoints.class);
    private static final int DEFAULT_DEAD_LETTERS = 20;

    private final BridgeView bridge;
    private final StatusReport report;
    private final int maxPageSize;

    AdminEndpoints(BridgeView bridge, StatusReport report, int maxPageSize) {
        this.bridge = bridge;
        this.report = report;
        this.maxPageSize = maxPageSize;
    }

    void register(Routes routes) {
        routes.get("/admin/status", Access.ADMIN, ctx -> Responses.json(ctx, 200, report.status()))
                .get("/admin/history", Access.ADMIN, ctx -> Responses.json(ctx, 200, report.history()))
                .post("/admin/projections/{projection}/rebuild", Access.ADMIN, this::rebuild)
                .post("/admin/projections/{projection}/rebuild/cancel", Access.ADMIN, this::cancel)
                .get("/admin/dead-letters", Access.ADMIN, this::deadLetters);
    }

    private void rebuild(Context ctx) {
        String projection = ctx.pathParam("projection");
        String key = QueryStrings.single(ctx.queryParamMap(), "key").orElse(null);
        if (key != null) {
            QueryValues.check("key", key);
        }
        RebuildProgress.Snapshot started;
        try {
            started = bridge.startRebuild(projection, key);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(409, e.getMessage());
        }
        LOG.info("Rebuild of {}{} started through the admin API", projection, key == null ? "" : " document " + key);
        Responses.json(ctx, 202, StatusReport.rebuild(started));
    }

    private void cancel(Context ctx) {
        String projection = ctx.pathParam("projection");
        if (bridge.projections().stream().noneMatch(p -> p.name().equals(projection))) {
            throw ApiException.notFound("unknown projection '" + QueryValues.abbreviated(projection) + "'");
        }
        if (!bridge.cancelRebuild(projection)) {
            throw new ApiException(409, "no rebuild of " + projection + " is running");
        }
        LOG.info("Rebuild of {} cancelled through the admin API", projection);
        Responses.json(ctx, 200, new BsonDocument("projection", new BsonString(projection))
                .append("cancelled", BsonBoolean.TRUE));
    }

    private void deadLetters(Context ctx) {
        int limit = QueryStrings.single(ctx.queryParamMap(), "limit").map(text -> {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return -1;
            }
        }).orElse(DEFAULT_DEAD_LETTERS);
        if (limit < 1 || limit > maxPageSize) {
            throw ApiException.badRequest("limit must be a whole number from 1 to " + maxPageSize);
        }
        String projection = QueryStrings.single(ctx.queryParamMap(), "projection").orElse(null);
        if (projection != null) {
            QueryValues.check("projection", projection);
        }
        MongoCollection<BsonDocument> collection = bridge.database().getCollection(MongoProjectionStore.DEAD_LETTERS,
                BsonDocument.class);
        var filter = projection == null ? Filters.empty() : Filters.eq("projection", projection);
        List<BsonDocument> letters = collection.find(filter).sort(Sorts.descending("at")).limit(limit).into(new ArrayList<>());
        Responses.json(ctx, 200, new BsonDocument("count", new BsonInt64(collection.countDocuments(filter)))
                .append("deadLetters", new BsonArray(new ArrayList<>(letters))));
    }
}
