package dev.monobridge.connector.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.query.QuerySettings;
import dev.monobridge.query.Tokens;

/**
 * The HTTP server's settings, resolved: the token hashes read from the tokens file and the environment.
 *
 * @param enabled              false: no server at all ({@code http.port: 0})
 * @param bindAddress          the address to listen on
 * @param port                 the port; 0 here means any free port (tests, the demo), the setting having
 *                             already turned 0 into "disabled"
 * @param maxPageSize          the most documents one list request returns
 * @param readyMaxSourceLagBytes above this much log kept by the source for capture, {@code /ready} answers 503
 * @param idleTimeout          a connection on which the client sends nothing for this long is closed, even
 *                             in the middle of a request: the request-read timeout
 */
public record HttpSettings(boolean enabled, String bindAddress, int port, Tokens tokens, int maxPageSize,
                           long readyMaxSourceLagBytes, Duration idleTimeout) {

    public static final int DEFAULT_MAX_PAGE_SIZE = 200;
    public static final long DEFAULT_READY_MAX_SOURCE_LAG_BYTES = 1024L * 1024 * 1024;
    /**
     * Long enough for a client that keeps its connection between polls (the dashboard polls every 2 s) and
     * for a slow network to deliver a request; short enough that sockets left idle or half-sent (issue 10:
     * eight of them took the old server down) are closed within seconds.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Reads the hashes from where the configuration says they are.
     *
     * @throws IllegalArgumentException naming the variable or the file when a hash is malformed, never the value
     */
    public static HttpSettings from(BridgeConfig.Http config, Map<String, String> environment) {
        Map<String, List<String>> teams = config.tokensFile() == null ? Map.of() : TokensFileReader.read(config.tokensFile());
        Tokens tokens = Tokens.of(teams, hash(environment, config.adminTokenSha256Env(), "admin"),
                hash(environment, config.metricsTokenSha256Env(), "metrics"));
        return new HttpSettings(config.enabled(), config.bindAddress(), config.port(), tokens, config.maxPageSize(),
                config.readyMaxSourceLagBytes(), DEFAULT_IDLE_TIMEOUT);
    }

    /** On 127.0.0.1 with the default limits: for the demo and tests. */
    public static HttpSettings local(int port, Tokens tokens) {
        return new HttpSettings(true, "127.0.0.1", port, tokens, DEFAULT_MAX_PAGE_SIZE, DEFAULT_READY_MAX_SOURCE_LAG_BYTES,
                DEFAULT_IDLE_TIMEOUT);
    }

    public HttpSettings withMaxPageSize(int size) {
        return new HttpSettings(enabled, bindAddress, port, tokens, size, readyMaxSourceLagBytes, idleTimeout);
    }

    public HttpSettings withPort(int newPort) {
        return new HttpSettings(enabled, bindAddress, newPort, tokens, maxPageSize, readyMaxSourceLagBytes, idleTimeout);
    }

    /** The settings a query server alone ({@code monobridge serve}) takes from these. */
    public QuerySettings query() {
        return new QuerySettings(bindAddress, port, tokens, maxPageSize, idleTimeout);
    }

    public HttpSettings withIdleTimeout(Duration timeout) {
        return new HttpSettings(enabled, bindAddress, port, tokens, maxPageSize, readyMaxSourceLagBytes, timeout);
    }

    private static String hash(Map<String, String> environment, String variable, String token) {
        String value = variable == null ? null : environment.get(variable);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!Tokens.isSha256Hex(value.strip())) {
            throw new IllegalArgumentException("$" + variable + " is not a SHA-256 hash: expected 64 hex digits, the hash of "
                    + "the " + token + " token (never the token itself)");
        }
        return value.strip();
    }
}
