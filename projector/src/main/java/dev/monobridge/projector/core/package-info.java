/**
 * The pure projection core: changes and remembered row states in, targeted document writes out. It
 * imports nothing from MongoDB, Debezium or Kafka; a test keeps it that way.
 */
package dev.monobridge.projector.core;
