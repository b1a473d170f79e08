package dev.monobridge.query;

import java.io.PrintStream;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Tokens made up for one demo run: one per team that owns a projection, and the admin's, each 32 random
 * bytes. The demo prints them once, so that a person can try the API; a real deployment never holds a
 * token, only its hash (see {@link Tokens}).
 */
public final class DemoTokens {

    private final Map<String, String> teams;
    private final String admin;

    private DemoTokens(Map<String, String> teams, String admin) {
        this.teams = teams;
        this.admin = admin;
    }

    public static DemoTokens generate(List<ProjectionDefinition> projections) {
        SecureRandom random = new SecureRandom();
        Map<String, String> teams = new LinkedHashMap<>();
        projections.forEach(p -> teams.computeIfAbsent(p.team(), team -> token(random)));
        return new DemoTokens(teams, token(random));
    }

    /** The hashes, as the server holds them. */
    public Tokens tokens() {
        Map<String, List<String>> hashes = new LinkedHashMap<>();
        teams.forEach((team, token) -> hashes.put(team, List.of(Tokens.sha256Hex(token))));
        return Tokens.of(hashes, Tokens.sha256Hex(admin), null);
    }

    public String admin() {
        return admin;
    }

    public String team(String team) {
        return teams.get(team);
    }

    /** The dashboard's address, with the admin token in the fragment, which the browser keeps to itself. */
    public URI dashboard(URI base) {
        return URI.create(base + "/dashboard#token=" + admin);
    }

    /** Prints the tokens (once: they exist for this run only) and a few requests to try. */
    public void print(PrintStream out, URI base, List<ProjectionDefinition> projections) {
        out.println("  http:    " + base + "  (tokens made up for this run; a real deployment configures SHA-256 hashes)");
        out.println("  dashboard: " + dashboard(base));
        out.println("  admin token: " + admin);
        for (ProjectionDefinition projection : projections) {
            out.println("  team " + projection.team() + " token: " + teams.get(projection.team()));
            out.println("    curl -H 'Authorization: Bearer " + teams.get(projection.team()) + "' '" + base + "/v1/projections/"
                    + projection.name() + "/documents?limit=2'");
        }
        out.println("    curl -H 'Authorization: Bearer " + admin + "' " + base + "/admin/status");
        out.println("    curl -X POST -H 'Authorization: Bearer " + admin + "' " + base + "/admin/projections/"
                + projections.get(0).name() + "/rebuild");
        out.println("    curl -H 'Authorization: Bearer " + admin + "' " + base + "/metrics");
        out.println("    curl " + base + "/ready");
    }

    private static String token(SecureRandom random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "mb_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
