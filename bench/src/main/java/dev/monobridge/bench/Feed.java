package dev.monobridge.bench;

/**
 * What delivers the source's changes to a pipeline in one run: Debezium's embedded engine, or
 * Debezium's source connector and the sink connectors in Kafka Connect.
 *
 * <p>Lifecycle: {@link #start()} once, then {@link #close()} once, before the pipeline is closed.
 */
public interface Feed extends AutoCloseable {

    void start();

    /** Why it stopped delivering, or null while it runs. */
    String failure();

    @Override
    void close();
}
