package dev.monobridge.connector.config;

import java.nio.file.Path;
import java.time.Duration;

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
        Duration deleteMarkerGrace) {

    /** The PostgreSQL source. */
    public record Source(String host, int port, String database, String user, String passwordEnv, String passwordFile,
                         String slot, String publication, String publicationAutocreate, String snapshotMode, Duration pollInterval, int maxBatchSize) {
    }

    /** The MongoDB target. */
    public record Mongo(String uriEnv, String uri, String database) {
    }
}
