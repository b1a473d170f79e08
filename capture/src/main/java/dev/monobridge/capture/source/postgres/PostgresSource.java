package dev.monobridge.capture.source.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the capture needs to know about the PostgreSQL source. The password is held only here, and
 * {@link #toString()} leaves it out.
 */
public record PostgresSource(String host, int port, String database, String user, String password,
                             String slot, String publication, String publicationAutocreate, String snapshotMode, List<String> tables,
                             Duration pollInterval, int maxBatchSize) {

    public PostgresSource {
        Objects.requireNonNull(password, "password");
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
