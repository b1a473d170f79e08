package dev.monobridge.connector.http;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.monobridge.projector.definition.Problems;
import dev.monobridge.projector.definition.YamlNode;
import dev.monobridge.query.Tokens;

/**
 * Reads the team tokens file: each team, and the SHA-256 hex of its token, or a list of them while a
 * token is rotated.
 *
 * <pre>
 * racing-web: 1ef7a793cc5e50c0caefd8edd6a2832ae6ac73c4c280b22379df83f836231fc1
 * sportsbook-web:
 *   - 6c03dcd2f9428c06e53d10d0d060346891be1344c74c4ec2e895daf1ab5ac3fe   # the new token
 *   - 00ec0371c3b991ae951a24124039d9974cb592ab34a17075d1e44b1a1d3f7d87   # the old one, until clients move
 * </pre>
 * Every problem is reported at once, with file and line, and never with the value itself.
 */
final class TokensFileReader {

    private TokensFileReader() {
    }

    static Map<String, List<String>> read(Path file) {
        Problems problems = new Problems();
        Map<String, List<String>> teams = new LinkedHashMap<>();
        YamlNode.parse(file, problems).ifPresent(root -> root.entries("the tokens file", problems).forEach((team, value) -> {
            List<YamlNode> hashes = value.isSequence() ? value.items("the hashes of team " + team, problems) : List.of(value);
            List<String> valid = new ArrayList<>();
            for (YamlNode hash : hashes) {
                hash.text("a hash of team " + team, problems).ifPresent(text -> {
                    if (Tokens.isSha256Hex(text.strip())) {
                        valid.add(text.strip());
                    } else {
                        problems.add(file.toString(), hash.line(), "the token hash of team " + team
                                + " is not a SHA-256 hash: expected 64 hex digits (the hash of the token, never the token)");
                    }
                });
            }
            teams.put(team, valid);
        }));
        problems.throwIfAny();
        return teams;
    }
}
