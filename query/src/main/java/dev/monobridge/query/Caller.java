package dev.monobridge.connector.http;

import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Who sent a request, as its token says.
 *
 * @param role what the token may do
 * @param team the team, for {@link Role#TEAM}; {@code null} otherwise
 */
record Caller(Role role, String team) {

    /** What a token may do. */
    enum Role {
        /** Reads the projections its team owns. */
        TEAM,
        /** Reads every projection, and reaches the admin endpoints and the metrics. */
        ADMIN,
        /** Reads the metrics, nothing else: the token a Prometheus server holds. */
        METRICS
    }

    static Caller team(String team) {
        return new Caller(Role.TEAM, team);
    }

    static Caller admin() {
        return new Caller(Role.ADMIN, null);
    }

    static Caller metrics() {
        return new Caller(Role.METRICS, null);
    }

    /** A team reads only the projections it owns; the admin reads every one. */
    boolean mayRead(ProjectionDefinition projection) {
        return role == Role.ADMIN || role == Role.TEAM && team.equals(projection.team());
    }
}
