package dev.monobridge.bench.report;

import dev.monobridge.bench.measure.CommandMeter;
import dev.monobridge.bench.measure.CpuTimes;
import dev.monobridge.bench.measure.Percentiles;

/**
 * What one phase of one run measured.
 *
 * @param changes          changes the pipeline acknowledged in the phase
 * @param expected         changes the workload made (the snapshot's rows, for a snapshot)
 * @param seconds          from the first source commit (for a snapshot: the capture's start) to the last acknowledgement
 * @param offeredPerSecond the rate the workload committed its changes at; NaN for a snapshot
 * @param latency          source commit to MongoDB acknowledgement; empty for a snapshot
 * @param traffic          what the pipeline's MongoDB client sent and received in the phase
 * @param cpu              CPU seconds the benchmark's JVM, the MongoDB server and PostgreSQL used in the phase
 */
public record PhaseResult(String name, long changes, long expected, double seconds, double offeredPerSecond,
                          Percentiles latency, CommandMeter.Totals traffic, CpuTimes cpu) {

    public boolean complete() {
        return changes >= expected;
    }

    public double changesPerSecond() {
        return seconds > 0 ? changes / seconds : Double.NaN;
    }

    public double bytesSentPerChange() {
        return changes > 0 ? (double) traffic.bytesSent() / changes : Double.NaN;
    }

    public double bytesReceivedPerChange() {
        return changes > 0 ? (double) traffic.bytesReceived() / changes : Double.NaN;
    }

    public double roundTripsPerChange() {
        return changes > 0 ? (double) traffic.commands() / changes : Double.NaN;
    }
}
