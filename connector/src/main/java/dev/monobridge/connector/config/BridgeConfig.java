package dev.monobridge.connector.config;

import java.nio.file.Path;
import java.time.Duration;

import dev.monobridge.connector.drift.DriftSettings;
import dev.monobridge.projector.mongo.MongoTrailSettings;

/**
 * The bridge's settings, parsed once and checked, as typed values. Secrets are not held here: only
 * where to find them, so that printing a config can never print a password.
 */
public record BridgeConfig(
        Source source,
        Mongo mongo,
        Path offsetsFile,
        Duration offsetsFlushInterval,
        Path projectionsDirectory,
        Duration deleteMarkerGrace,
        MongoTrailSettings trace,
        Http http,
        DriftSettings drift) {

    /**
     * The source database.
     *
     * @param type {@code postgres} or {@code mariadb}
     * @param slot PostgreSQL only, as are {@code publication} and {@code publicationAutocreate}
     * @param serverId MariaDB only
     * @param heartbeatActionQuery {@code null} when not set: the chosen database's own statement
     */
    public record Source(String type, String host, int port, String database, String user, String passwordEnv, String passwordFile,
                         String slot, String publication, String publicationAutocreate, long serverId, String snapshotMode,
                         Duration pollInterval, int maxBatchSize, Duration heartbeatInterval, String heartbeatActionQuery) {
    }

    /** The MongoDB target. */
    public record Mongo(String uriEnv, String uri, String database) {
    }

    /**
     * The HTTP server: query API, admin API, metrics, health and dashboard. Only where the token hashes
     * are is held here, never the hashes or the tokens.
     *
     * @param port         0 when the server is off
     * @param tokensFile   the team tokens file, or {@code null} when no team may query
     * @param readyMaxSourceLagBytes above this, {@code /ready} answers 503
     */
    public record Http(int port, String bindAddress, Path tokensFile, String adminTokenSha256Env,
                       String metricsTokenSha256Env, int maxPageSize, long readyMaxSourceLagBytes) {

        public boolean enabled() {
            return port != 0;
        }
    }
}
