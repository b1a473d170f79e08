package dev.monobridge.connector.http;

import java.util.ArrayList;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;

import dev.monobridge.connector.drift.DriftFigures;
import dev.monobridge.projector.mongo.MongoDriftLog;

import dev.monobridge.query.Access;
import dev.monobridge.query.ApiException;
import dev.monobridge.query.QueryStrings;
import dev.monobridge.query.QueryValues;
import dev.monobridge.query.Responses;
import dev.monobridge.query.Routes;

import io.javalin.http.Context;

/**
 * What the drift sampler found, for the admin token alone (docs/drift-sampler.md).
 *
 * <pre>
 * GET /admin/drift[?projection=&amp;limit=]   the figures, and the newest drifted documents with their differences
 * </pre>
 * The same figures are in {@code /admin/status} as {@code drift}.
 */
final class DriftEndpoints {

    private static final int DEFAULT_RECORDS = 20;

    private final BridgeView bridge;
    private final int maxPageSize;

    DriftEndpoints(BridgeView bridge, int maxPageSize) {
        this.bridge = bridge;
        this.maxPageSize = maxPageSize;
    }

    void register(Routes routes) {
        routes.get("/admin/drift", Access.ADMIN, this::drift);
    }

    private void drift(Context ctx) {
        int limit = QueryStrings.single(ctx.queryParamMap(), "limit").map(text -> {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                return -1;
            }
        }).orElse(DEFAULT_RECORDS);
        if (limit < 1 || limit > maxPageSize) {
            throw ApiException.badRequest("limit must be a whole number from 1 to " + maxPageSize);
        }
        String projection = QueryStrings.single(ctx.queryParamMap(), "projection").orElse(null);
        if (projection != null) {
            QueryValues.check("projection", projection);
        }
        BsonArray records = new BsonArray(new ArrayList<>(new MongoDriftLog(bridge.database()).recent(projection, limit)));
        Responses.json(ctx, 200, figures(bridge.drift()).append("records", records));
    }

    /** The figures as the admin API shows them: times as ISO-8601 text, as in the status. */
    static BsonDocument figures(DriftFigures.Snapshot drift) {
        BsonDocument figures = drift.toBson();
        figures.put("lastRoundAt", drift.lastRoundAt() == null ? BsonNull.VALUE : new BsonString(drift.lastRoundAt().toString()));
        return figures;
    }
}
