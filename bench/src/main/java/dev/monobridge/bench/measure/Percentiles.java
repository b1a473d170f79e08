package dev.monobridge.bench.measure;

/** Latencies of one phase, in milliseconds, from source commit to MongoDB's acknowledgement. */
public record Percentiles(long count, double p50, double p99, double max) {

    public static final Percentiles NONE = new Percentiles(0, Double.NaN, Double.NaN, Double.NaN);

    public boolean isEmpty() {
        return count == 0;
    }
}
