/**
 * The benchmark's Kafka Connect pipelines: Debezium's PostgreSQL source connector, Kafka and the
 * Monobridge sink connector, configured as {@code monobridge connect-config} prints them, on Kafka's
 * in-process Connect cluster in the benchmark's JVM; the sink's batches reported as MongoDB
 * acknowledges them, and its MongoDB traffic counted on the wire.
 */
package dev.monobridge.bench.connect;
