/**
 * What a run measures: latency per change, MongoDB traffic from the driver's command events, heap,
 * CPU time per process, and document sizes.
 */
package dev.monobridge.bench.measure;
