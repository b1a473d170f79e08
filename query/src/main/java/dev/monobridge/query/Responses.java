package dev.monobridge.connector.http;

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
final class Responses {

    static final String JSON = "application/json";
    static final String NO_STORE = "no-store";

    private Responses() {
    }

    static void json(Context ctx, int status, BsonDocument body) {
        send(ctx, status, JSON, Json.write(body));
    }

    static void send(Context ctx, int status, String contentType, String body) {
        ctx.status(status).contentType(contentType).header("X-Content-Type-Options", "nosniff");
        if (ctx.res().getHeader("Cache-Control") == null) {
            ctx.header("Cache-Control", NO_STORE);
        }
        ctx.result(body);
    }

    /** 304: the client's copy, named by its ETag, is current. */
    static void notModified(Context ctx, String etag) {
        ctx.status(304).header("ETag", etag);
        if (ctx.res().getHeader("Cache-Control") == null) {
            ctx.header("Cache-Control", "no-cache");
        }
    }

    static void error(Context ctx, int status, String message) {
        json(ctx, status, errorBody(status, message));
    }

    static BsonDocument errorBody(int status, String message) {
        return new BsonDocument("status", new BsonInt32(status))
                .append("error", new BsonString(HttpStatus.forStatus(status).getMessage()))
                .append("message", new BsonString(message));
    }
}
