/**
 * The demo's stand-ins for production systems, all started inside the JVM from Maven artifacts: a real
 * PostgreSQL server configured for logical decoding ({@link dev.monobridge.connector.demo.DemoPostgres}),
 * a legacy sportsbook and racing schema with seed data ({@link dev.monobridge.connector.demo.DemoSchema}),
 * a workload that keeps changing it ({@link dev.monobridge.connector.demo.LoadGenerator}), and a server
 * that speaks MongoDB's wire protocol ({@link dev.monobridge.connector.demo.InProcessMongo}).
 */
package dev.monobridge.connector.demo;
