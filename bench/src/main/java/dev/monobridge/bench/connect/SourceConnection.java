package dev.monobridge.bench.connect;

/**
 * A run's source database as the {@code bridge.yaml} given to {@code connect-config} describes it
 * (the password goes into a file beside it, which the printed source connector refers to).
 */
public record SourceConnection(String host, int port, String database, String user, String password, String slot,
                               String publication, long pollIntervalMillis, int maxBatchSize) {
}
