package dev.monobridge.capture.source.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.monobridge.capture.source.SourceHeartbeat;

/**
 * What the capture needs to know about the PostgreSQL source. The password is held only here, and
 * {@link #toString()} leaves it out.
 */
public record PostgresSource(String host, int port, String database, String user, String password,
                             String slot, String publication, String publicationAutocreate, String snapshotMode, List<String> tables,
                             Duration pollInterval, int maxBatchSize, SourceHeartbeat heartbeat) {

    /** The prefix of the heartbeat's messages, which the connector reads but never emits as records. */
    public static final String HEARTBEAT_MESSAGE_PREFIX = "monobridge-heartbeat";

    /**
     * Heartbeats alone do not free an idle slot: {@code pgoutput} sends nothing for transactions that touch
     * no published table, so the connector has no newer position to confirm (IdleSlotIT). A logical
     * decoding message is something to read: it needs no table and no write permission, and is a few dozen
     * bytes of WAL each time.
     */
    public static final SourceHeartbeat DEFAULT_HEARTBEAT = new SourceHeartbeat(SourceHeartbeat.DEFAULT_INTERVAL,
            "select pg_logical_emit_message(false, '" + HEARTBEAT_MESSAGE_PREFIX + "', '')");

    public PostgresSource {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(heartbeat, "heartbeat");
        tables = List.copyOf(tables);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    @Override
    public String toString() {
        return "PostgresSource[" + user + "@" + host + ":" + port + "/" + database + ", slot=" + slot
                + ", publication=" + publication + ", tables=" + tables + "]";
    }
}
