package dev.monobridge.query;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * How the API answers: JSON bodies, 304s, and the one error shape
 * {@code {"status": 400, "error": "Bad Request", "message": "..."}}.
 *
 * <p>Unless an endpoint says otherwise, responses are not to be stored ({@code Cache-Control: no-store}):
 * they hold team data or operational figures. Javalin gzips large bodies for clients that accept it.
 */
public final class Responses {

    public static final String JSON = "application/json";
    public static final String NO_STORE = "no-store";

    private Responses() {
    }

    public static void json(Context ctx, int status, BsonDocument body) {
        send(ctx, status, JSON, Json.write(body));
    }

    public static void send(Context ctx, int status, String contentType, String body) {
        ctx.status(status).contentType(contentType).header("X-Content-Type-Options", "nosniff");
        if (ctx.res().getHeader("Cache-Control") == null) {
            ctx.header("Cache-Control", NO_STORE);
        }
        ctx.result(body);
    }

    /** 304: the client's copy, named by its ETag, is current. */
    public static void notModified(Context ctx, String etag) {
        ctx.status(304).header("ETag", etag);
        if (ctx.res().getHeader("Cache-Control") == null) {
            ctx.header("Cache-Control", "no-cache");
        }
    }

    public static void error(Context ctx, int status, String message) {
        json(ctx, status, errorBody(status, message));
    }

    public static BsonDocument errorBody(int status, String message) {
        return new BsonDocument("status", new BsonInt32(status))
                .append("error", new BsonString(HttpStatus.forStatus(status).getMessage()))
                .append("message", new BsonString(message));
    }
}
