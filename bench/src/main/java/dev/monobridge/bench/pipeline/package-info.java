/** The pipelines fed by the embedded engine, including the naive read-modify-write baseline, and the check that it builds the same documents. */
package dev.monobridge.bench.pipeline;
