/**
 * The PostgreSQL source adapter: Debezium's PostgreSQL connector with {@code pgoutput}, LSN positions,
 * PostgreSQL's value quirks, the replication slot's retained WAL, and repeatable-read snapshots. The
 * only package of the capture module that names PostgreSQL.
 */
package dev.monobridge.capture.source.postgres;
