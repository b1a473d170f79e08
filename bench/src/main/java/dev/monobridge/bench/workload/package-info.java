/** Deterministic workloads on the demo schema, written with plain JDBC batches. */
package dev.monobridge.bench.workload;
