package dev.monobridge.connector.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import dev.monobridge.capture.source.SourceAdapter;

/**
 * The embedded engine's configuration: the source adapter's connector properties, and around them
 * what every source gets the same way (how values arrive for the mapper, offsets, retries).
 * Public for {@link #eventShape()}, which a Connect deployment's source connector needs too.
 */
public final class DebeziumProperties {

    /** The prefix of Debezium's topic names, {@code monobridge.schema.table}; the engine names its records so too. */
    public static final String TOPIC_PREFIX = "monobridge";

    private DebeziumProperties() {
    }

    static Properties of(SourceAdapter source, Path offsetsFile, Duration offsetFlushInterval) {
        Properties p = new Properties();
        p.putAll(source.connectorProperties());
        p.setProperty("topic.prefix", TOPIC_PREFIX);
        p.putAll(eventShape());
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", offsetsFile.toAbsolutePath().toString());
        p.setProperty("offset.flush.interval.ms", Long.toString(offsetFlushInterval.toMillis()));
        p.setProperty("offset.flush.timeout.ms", "10000");
        // Keep retrying a lost source connection instead of stopping the bridge.
        p.setProperty("errors.max.retries", "-1");
        // Debezium 3.5.0's embedded engine builds a Kafka 4.3 worker config, which requires this key; with
        // file offsets nothing ever connects to it (docs/notes/debezium-mariadb-spike.md).
        p.setProperty("bootstrap.servers", "localhost:9092");
        return p;
    }

    /**
     * How every source's events must arrive for the mapper, whichever engine runs the connector: the
     * embedded one, or Debezium's source connector on Kafka Connect ({@code monobridge connect-config}).
     */
    public static Properties eventShape() {
        Properties p = new Properties();
        // Decimals arrive as their exact text (scale kept: 2.50 stays 2.50), never base64 bytes or
        // doubles; 'precise' would turn a numeric NaN or infinity into a silent null. The source type
        // on every field is how a decimal's text is told from a text column's, and how a retyped
        // column is noticed.
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("column.propagate.source.type", ".*");
        // Truncates are dropped silently unless no operation is skipped.
        p.setProperty("skipped.operations", "none");
        return p;
    }
}
