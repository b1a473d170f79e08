package dev.monobridge.connector.drift;

import java.time.Duration;
import java.util.Objects;

/**
 * How the drift sampler runs ({@code drift.*} in {@code bridge.yaml}).
 *
 * @param interval             time between two rounds; {@link Duration#ZERO} turns the sampler off
 * @param documentsPerInterval documents checked per round, in all projections together: what bounds the
 *                             sampler's reads on the source (one statement per level of each document)
 * @param statementTimeout     the longest one source statement of the sampler may run (whole seconds, JDBC's
 *                             query timeout); the connection is also waited for at most this long
 * @param repair               whether a drifted document is rewritten through the single-document repair
 * @param recordsKept          drift records kept in {@code monobridge_drift}, newest first
 */
public record DriftSettings(Duration interval, int documentsPerInterval, Duration statementTimeout, boolean repair,
                            int recordsKept) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(60);
    /** A round reads at most this many documents' rows: a few dozen small indexed queries a minute. */
    public static final int DEFAULT_DOCUMENTS_PER_INTERVAL = 10;
    public static final Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_RECORDS_KEPT = 100;

    /** No sampler: what the bridge runs with when nothing asks for one (tests of other things). */
    public static final DriftSettings OFF = new DriftSettings(Duration.ZERO, DEFAULT_DOCUMENTS_PER_INTERVAL,
            DEFAULT_STATEMENT_TIMEOUT, false, DEFAULT_RECORDS_KEPT);

    public DriftSettings {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(statementTimeout, "statementTimeout");
        if (interval.isNegative() || documentsPerInterval < 1 || statementTimeout.toSeconds() < 1 || recordsKept < 1) {
            throw new IllegalArgumentException("drift settings out of range: " + interval + ", " + documentsPerInterval
                    + ", " + statementTimeout + ", " + recordsKept);
        }
    }

    public boolean isOn() {
        return !interval.isZero();
    }
}
