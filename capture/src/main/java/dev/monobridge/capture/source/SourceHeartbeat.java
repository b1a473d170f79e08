package dev.monobridge.capture.source;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Debezium's heartbeats: while the captured tables are idle, the connector still records how far it has
 * read, every {@code interval}, so that the source may let go of the log behind that point (a PostgreSQL
 * slot its WAL; on a binlog, the offsets stop pointing at files the server may purge). With an
 * {@code actionQuery}, it also runs that statement on the source at each heartbeat: a database whose
 * traffic never reaches the connector needs one to give it something to read.
 *
 * @param interval     {@link Duration#ZERO} for no heartbeats
 * @param actionQuery  empty for none
 */
public record SourceHeartbeat(Duration interval, String actionQuery) {

    /** No heartbeats: the log a source keeps for capture may then grow while the captured tables are idle. */
    public static final SourceHeartbeat OFF = new SourceHeartbeat(Duration.ZERO, "");

    /**
     * What {@code bridge.yaml} starts from: often enough that an idle slot holds at most a few seconds of
     * a busy database's WAL, rarely enough that the statement's own writes do not matter.
     */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

    public SourceHeartbeat {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(actionQuery, "actionQuery");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("a heartbeat interval is never negative: " + interval);
        }
    }

    public boolean isOn() {
        return !interval.isZero();
    }

    /** Debezium's own keys for them, the same for every connector. */
    public void addTo(Properties properties) {
        if (!isOn()) {
            return;
        }
        properties.setProperty("heartbeat.interval.ms", Long.toString(interval.toMillis()));
        if (!actionQuery.isBlank()) {
            properties.setProperty("heartbeat.action.query", actionQuery);
        }
    }
}
