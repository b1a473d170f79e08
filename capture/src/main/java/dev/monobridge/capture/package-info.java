/**
 * Debezium's change-event envelope mapped to the projector's {@code Change}: the one place it is read,
 * for any {@code ConnectRecord}, so that the embedded engine and a Kafka Connect sink task share it.
 * Generic Debezium handling lives here ({@code Debezium*}); what differs by database lives in its
 * source adapter.
 */
package dev.monobridge.capture;
