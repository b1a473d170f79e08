package dev.monobridge.query;

import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Who sent a request, as its token says.
 *
 * @param role what the token may do
 * @param team the team, for {@link Role#TEAM}; {@code null} otherwise
 */
public record Caller(Role role, String team) {

    /** What a token may do. */
    public enum Role {
        /** Reads the projections its team owns. */
        TEAM,
        /** Reads every projection, and reaches the admin endpoints and the metrics. */
        ADMIN,
        /** Reads the metrics, nothing else: the token a Prometheus server holds. */
        METRICS
    }

    public static Caller team(String team) {
        return new Caller(Role.TEAM, team);
    }

    public static Caller admin() {
        return new Caller(Role.ADMIN, null);
    }

    public static Caller metrics() {
        return new Caller(Role.METRICS, null);
    }

    /** A team reads only the projections it owns; the admin reads every one. */
    public boolean mayRead(ProjectionDefinition projection) {
        return role == Role.ADMIN || role == Role.TEAM && team.equals(projection.team());
    }
}
