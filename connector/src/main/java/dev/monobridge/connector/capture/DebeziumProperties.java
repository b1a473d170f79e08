package dev.monobridge.connector.capture;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import dev.monobridge.capture.source.SourceAdapter;

/**
 * The embedded engine's configuration: the source adapter's connector properties, and around them
 * what every source gets the same way (how values arrive for the mapper, offsets, retries).
 */
final class DebeziumProperties {

    private DebeziumProperties() {
    }

    static Properties of(SourceAdapter source, Path offsetsFile, Duration offsetFlushInterval) {
        Properties p = new Properties();
        p.putAll(source.connectorProperties());
        p.setProperty("topic.prefix", "monobridge");
        // Decimals arrive as their exact text (scale kept: 2.50 stays 2.50), never base64 bytes or
        // doubles; 'precise' would turn a numeric NaN or infinity into a silent null. The source type
        // on every field is how a decimal's text is told from a text column's, and how a retyped
        // column is noticed.
        p.setProperty("decimal.handling.mode", "string");
        p.setProperty("column.propagate.source.type", ".*");
        // Truncates are dropped silently unless no operation is skipped.
        p.setProperty("skipped.operations", "none");
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.FileOffsetBackingStore");
        p.setProperty("offset.storage.file.filename", offsetsFile.toAbsolutePath().toString());
        p.setProperty("offset.flush.interval.ms", Long.toString(offsetFlushInterval.toMillis()));
        p.setProperty("offset.flush.timeout.ms", "10000");
        // Keep retrying a lost source connection instead of stopping the bridge.
        p.setProperty("errors.max.retries", "-1");
        return p;
    }
}
