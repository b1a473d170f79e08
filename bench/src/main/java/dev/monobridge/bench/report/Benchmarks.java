package dev.monobridge.bench.report;

/** Names shared by the runner and the report. */
public final class Benchmarks {

    public static final String SNAPSHOT = "snapshot";
    public static final String RATE = "rate";
    public static final String SATURATION = "saturation";
    /** Saturation again, with frontends polling documents through a query server (issue 16). */
    public static final String SATURATION_WITH_READS = "saturation+reads";

    private Benchmarks() {
    }
}
