package dev.monobridge.query;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.NotFoundResponse;

/**
 * Turns everything a request can end in into the API's JSON error: an {@link ApiException} from an
 * endpoint, Javalin's own 404 and 405, MongoDB being unreachable (503), and anything else (500, with the
 * details in the log, never in the response).
 *
 * <p>Logs name the method and the path, never the query string or the headers: a token travels only in
 * the {@code Authorization} header, and so never reaches a log.
 */
final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    static void register(RoutesConfig routes) {
        routes.exception(ApiException.class, (e, ctx) -> Responses.error(ctx, e.status(), e.getMessage()));
        routes.exception(NotFoundResponse.class, (e, ctx) -> Responses.error(ctx, 404, "no such endpoint: " + ctx.method()
                + " " + QueryValues.abbreviated(ctx.path()) + " (GET /openapi.yaml describes them all)"));
        routes.exception(MethodNotAllowedResponse.class, ErrorResponses::methodNotAllowed);
        routes.exception(HttpResponseException.class, (e, ctx) -> Responses.error(ctx, e.getStatus(), e.getMessage()));
        routes.exception(MongoTimeoutException.class, ErrorResponses::mongoUnreachable);
        routes.exception(MongoSocketException.class, ErrorResponses::mongoUnreachable);
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            Responses.error(ctx, 500, "internal error; the bridge's log has the details");
        });
    }

    private static void methodNotAllowed(MethodNotAllowedResponse e, Context ctx) {
        String allowed = e.getDetails().values().stream().findFirst().orElse("");
        ctx.header("Allow", allowed);
        Responses.error(ctx, 405, ctx.method() + " is not allowed here; use " + allowed.replace(", ", " or "));
    }

    private static void mongoUnreachable(RuntimeException e, Context ctx) {
        LOG.warn("{} {}: MongoDB is unreachable: {}", ctx.method(), ctx.path(), e.getMessage());
        Responses.error(ctx, 503, "MongoDB is unreachable; try again shortly");
    }
}
