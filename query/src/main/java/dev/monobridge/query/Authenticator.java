package dev.monobridge.query;

import java.util.Locale;
import java.util.Set;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;

/**
 * Runs before every matched endpoint: finds who sent the request from its {@code Authorization: Bearer}
 * header, and refuses it when the route's {@link Access} does not admit them. Javalin runs it only for a
 * path and method that match a route, so the answers keep their order: 404 (no such path), 405 (wrong
 * method), then 401 (no token, or one that is not configured) and 403 (a valid token that may not call
 * this endpoint).
 */
public final class Authenticator implements Handler {

    private static final String CALLER = "monobridge.caller";
    private static final String BEARER = "bearer ";

    private final Tokens tokens;

    Authenticator(Tokens tokens) {
        this.tokens = tokens;
    }

    /** Who sent the request; only on a route that needs a token. */
    public static Caller caller(Context ctx) {
        Caller caller = ctx.attribute(CALLER);
        if (caller == null) {
            throw new IllegalStateException("no caller on " + ctx.method() + " " + ctx.path()
                    + ": the route was registered without a role that needs a token");
        }
        return caller;
    }

    @Override
    public void handle(Context ctx) {
        Access access = access(ctx.routeRoles());
        if (access == Access.ANYONE) {
            return;
        }
        String authorization = ctx.header("Authorization");
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
                || authorization.substring(BEARER.length()).isBlank()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"monobridge\"");
            throw new ApiException(401, "a token is needed: send the header 'Authorization: Bearer <token>'");
        }
        Caller caller = tokens.identify(authorization.substring(BEARER.length()).strip()).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer realm=\"monobridge\", error=\"invalid_token\"");
            return new ApiException(401, "the token is not valid");
        });
        if (!access.admits(caller)) {
            throw new ApiException(403, switch (access) {
                case ADMIN -> "this endpoint needs the admin token";
                case METRICS -> "the metrics need the admin token or the metrics token";
                default -> "this token may not call this endpoint";
            });
        }
        ctx.attribute(CALLER, caller);
    }

    /** Every route is registered through {@link Routes}, with exactly one {@link Access}; static files have none. */
    private static Access access(Set<RouteRole> roles) {
        return roles.stream().filter(Access.class::isInstance).map(Access.class::cast).findFirst().orElse(Access.ANYONE);
    }
}
