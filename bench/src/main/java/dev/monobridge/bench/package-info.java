/**
 * The benchmark: the same workloads through Debezium alone (the ceiling), Monobridge, and the naive
 * read-modify-write design, one after another in one run ({@link dev.monobridge.bench.BenchCommand}).
 */
package dev.monobridge.bench;
