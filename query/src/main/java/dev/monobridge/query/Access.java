package dev.monobridge.query;

import io.javalin.security.RouteRole;

/**
 * Which callers an endpoint admits: the role a route is registered with, which {@link Authenticator}
 * checks before the endpoint runs. Anything but {@link #ANYONE} needs a token.
 */
public enum Access implements RouteRole {

    /** {@code /health}, {@code /ready}, and the dashboard's static files, which hold no data. */
    ANYONE,
    /** The query API and the OpenAPI file: a team token, or the admin token. */
    READER,
    /** {@code /metrics}: the admin token, or the metrics token. */
    METRICS,
    /** The admin API: the admin token alone. */
    ADMIN;

    public boolean admits(Caller caller) {
        return switch (this) {
            case ANYONE -> true;
            case READER -> caller.role() == Caller.Role.TEAM || caller.role() == Caller.Role.ADMIN;
            case METRICS -> caller.role() == Caller.Role.METRICS || caller.role() == Caller.Role.ADMIN;
            case ADMIN -> caller.role() == Caller.Role.ADMIN;
        };
    }
}
