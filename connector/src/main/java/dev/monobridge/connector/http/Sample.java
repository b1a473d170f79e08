package dev.monobridge.connector.http;

import java.time.Instant;
import java.util.Map;

/**
 * The bridge's figures at one moment, as the sampler took them every two seconds: the dashboard's charts
 * and the metrics' gauges read these, so that neither queries MongoDB or PostgreSQL per request.
 *
 * @param changesPerSecond source changes per second since the previous sample
 * @param lagMillis        source commit to MongoDB acknowledgement, for the last batch
 * @param meanBatchSize    changes per batch since the previous sample; 0 when no batch came
 * @param deadLetters      dead letters in MongoDB now
 * @param sourceLagBytes     bytes of log the source keeps for capture (WAL the slot holds, or binlog beyond what was applied); -1 when unknown
 * @param captureStopped   why the capture stopped, or {@code null} while it runs
 */
record Sample(Instant at, long changes, double changesPerSecond, long lagMillis, long batches, double meanBatchSize,
              long deadLetters, long sourceLagBytes, String captureStopped, Map<String, Projection> projections) {

    /**
     * One projection's figures.
     *
     * @param writtenPerSecond documents written per second since the previous sample
     * @param lastWrite        when the newest write happened, or {@code null} when there is none
     */
    record Projection(long documents, double writtenPerSecond, Instant lastWrite) {
    }

    static Sample empty(Instant at) {
        return new Sample(at, 0, 0, 0, 0, 0, 0, -1, null, Map.of());
    }
}
