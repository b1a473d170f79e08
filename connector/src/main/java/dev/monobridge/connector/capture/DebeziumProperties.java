package dev.monobridge.connector.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

/** The embedded engine's configuration, derived from the bridge's settings. */
final class DebeziumProperties {

    private DebeziumProperties() {
    }

    static Properties of(PostgresSource source, Path offsetsFile, Duration offsetFlushInterval) {
        Properties p = new Properties();
        p.setProperty("name", "monobridge-" + source.slot());
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("topic.prefix", "monobridge");
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", source.slot());
        p.setProperty("publication.name", source.publication());
        // 'filtered': Debezium creates the publication for exactly the captured tables when it is missing.
        p.setProperty("publication.autocreate.mode", source.publicationAutocreate());
        p.setProperty("database.hostname", source.host());
        p.setProperty("database.port", Integer.toString(source.port()));
        p.setProperty("database.dbname", source.database());
        p.setProperty("database.user", source.user());
        p.setProperty("database.password", source.password());
        p.setProperty("table.include.list", String.join(",", source.tables()));
        p.setProperty("snapshot.mode", source.snapshotMode());
        // Decimals arrive as their exact text (scale kept: 2.50 stays 2.50), never base64 bytes or
        // doubles; 'precise' would turn a numeric NaN or infinity into a silent null. The source type
        // on every field is how a decimal's text is told from a text column's, and how a retyped
        // column is noticed.
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("column.propagate.source.type", ".*");
        // Intervals as ISO 8601 text (P1Y2M3DT4H5M6.789S), exact; the default counts a month as 30.4375 days.
        p.setProperty("interval.handling.mode", "string");
        // Truncates are dropped silently unless no operation is skipped.
        p.setProperty("skipped.operations", "none");
        p.setProperty("poll.interval.ms", Long.toString(source.pollInterval().toMillis()));
        p.setProperty("max.batch.size", Integer.toString(source.maxBatchSize()));
        p.setProperty("max.queue.size", Integer.toString(source.maxBatchSize() * 4));
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", offsetsFile.toAbsolutePath().toString());
        p.setProperty("offset.flush.interval.ms", Long.toString(offsetFlushInterval.toMillis()));
        p.setProperty("offset.flush.timeout.ms", "10000");
        // Keep retrying a lost source connection instead of stopping the bridge.
        p.setProperty("errors.max.retries", "-1");
        return p;
    }
}
