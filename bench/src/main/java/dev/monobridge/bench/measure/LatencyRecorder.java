package dev.monobridge.bench.measure;

import java.util.Arrays;

/** Every latency of a phase, in microseconds, kept exactly: a phase has at most a few million changes. */
final class LatencyRecorder {

    private int[] micros = new int[4096];
    private int count;

    void record(long latencyMicros) {
        if (count == micros.length) {
            micros = Arrays.copyOf(micros, micros.length * 2);
        }
        micros[count++] = (int) Math.max(0, Math.min(Integer.MAX_VALUE, latencyMicros));
    }

    /** Adds another recorder's latencies to this one's. */
    void addAll(LatencyRecorder other) {
        for (int i = 0; i < other.count; i++) {
            record(other.micros[i]);
        }
    }

    Percentiles percentiles() {
        if (count == 0) {
            return Percentiles.NONE;
        }
        int[] sorted = Arrays.copyOf(micros, count);
        Arrays.sort(sorted);
        return new Percentiles(count, at(sorted, 0.50), at(sorted, 0.99), sorted[count - 1] / 1000.0);
    }

    /** Nearest rank. */
    private static double at(int[] sorted, double quantile) {
        int rank = (int) Math.ceil(quantile * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1000.0;
    }
}
