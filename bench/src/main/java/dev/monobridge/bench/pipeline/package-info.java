/** The three pipelines compared, including the naive read-modify-write baseline, and the check that it builds the same documents. */
package dev.monobridge.bench.pipeline;
