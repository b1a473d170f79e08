package dev.monobridge.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.monobridge.bench.pipeline.PipelineKind;

/**
 * The targets, judged from a run's results. Nothing here is tuned: a target is met or missed
 * as measured, and one that this run cannot judge says why.
 */
final class Targets {

    static final long HUNDRED_KIB = 100 * 1024;
    private static final double TARGET_RATE = 5000;

    /** One target: what it asks, what was measured, and the verdict (met, missed, not judged). */
    record Row(String target, String measured, String verdict) {
    }

    private Targets() {
    }

    static List<Row> evaluate(List<RunResult> results, double rate) {
        List<Row> rows = new ArrayList<>();
        rows.add(throughput(results));
        rows.addAll(bytes(results));
        rows.add(latency(results, rate));
        rows.add(heap(results));
        rows.add(connectThroughput(results));
        rows.add(connectHeap(results));
        rows.add(new Row("Rebuild ≥ 50k source rows/s", "rebuild rows/s: not measured here (`monobridge rebuild` reports its rate; see the README)",
                "not measured"));
        return rows;
    }

    private static Row throughput(List<RunResult> results) {
        List<String> measured = new ArrayList<>();
        boolean allMet = true;
        boolean any = false;
        for (String workload : workloads(results)) {
            Optional<PhaseResult> ceiling = find(results, workload, PipelineKind.CEILING).flatMap(RunResult::headline);
            Optional<PhaseResult> bridge = find(results, workload, PipelineKind.MONOBRIDGE).flatMap(RunResult::headline);
            if (ceiling.isEmpty() || bridge.isEmpty()) {
                continue;
            }
            any = true;
            double share = bridge.get().changesPerSecond() / ceiling.get().changesPerSecond();
            allMet &= share >= 0.8 && bridge.get().complete();
            measured.add(String.format(Locale.ROOT, "%s %.0f%% (%,.0f of %,.0f/s)%s", workload, 100 * share,
                    bridge.get().changesPerSecond(), ceiling.get().changesPerSecond(),
                    workloadBound(ceiling.get()) ? " (the ceiling kept up with the workload's commits: a lower bound)" : ""));
        }
        return new Row("Monobridge throughput ≥ 80% of the ceiling", any ? String.join("; ", measured) : "needs ceiling and monobridge",
                any ? verdict(allMet) : "not judged");
    }

    /** Issue 13: each Connect pipeline at least half of the embedded ceiling of the same workload in the same run. */
    private static Row connectThroughput(List<RunResult> results) {
        List<String> measured = new ArrayList<>();
        boolean allMet = true;
        boolean any = false;
        for (RunResult result : results) {
            if (!result.pipeline().onConnect()) {
                continue;
            }
            if (result.refusal() != null) {
                measured.add(result.workload() + " " + result.pipeline().label() + " refused");
                continue;
            }
            Optional<PhaseResult> ceiling = find(results, result.workload(), PipelineKind.CEILING).flatMap(RunResult::headline);
            Optional<PhaseResult> connect = result.headline();
            if (ceiling.isEmpty() || connect.isEmpty()) {
                continue;
            }
            any = true;
            double share = connect.get().changesPerSecond() / ceiling.get().changesPerSecond();
            allMet &= share >= 0.5 && connect.get().complete();
            measured.add(String.format(Locale.ROOT, "%s %s %.0f%% (%,.0f of %,.0f/s)", result.workload(), result.pipeline().label(),
                    100 * share, connect.get().changesPerSecond(), ceiling.get().changesPerSecond()));
        }
        return new Row("Connect pipeline throughput ≥ 50% of the embedded ceiling", any ? String.join("; ", measured)
                : "needs ceiling and connect-1 or connect-2", any ? verdict(allMet) : "not judged");
    }

    /**
     * Issue 13: the sink task's heap under 512 MiB on the price storm. The Connect worker, its broker and
     * Debezium's source run in this JVM too, so its peak after GC is an upper bound of the sink's share.
     */
    private static Row connectHeap(List<RunResult> results) {
        long peak = -1;
        String where = "";
        for (RunResult result : results) {
            if (result.pipeline().onConnect() && result.workload().equals("price-storm") && result.heapPeakAfterGc() > peak) {
                peak = result.heapPeakAfterGc();
                where = result.pipeline().label();
            }
        }
        if (peak < 0) {
            return new Row("Connect sink task heap < 512 MiB on the price storm", "needs price-storm through connect-1 or connect-2", "not judged");
        }
        return new Row("Connect sink task heap < 512 MiB on the price storm", String.format(Locale.ROOT,
                "peak heap after GC of the whole JVM (broker, worker, Debezium's source and the sink) %,.0f MiB (%s): an upper bound of"
                        + " the sink's share", peak / 1048576.0, where), verdict(peak < 512L * 1024 * 1024));
    }

    private static List<Row> bytes(List<RunResult> results) {
        Optional<RunResult> bridge = find(results, "growing-document", PipelineKind.MONOBRIDGE);
        Optional<RunResult> naive = find(results, "growing-document", PipelineKind.NAIVE);
        if (bridge.isEmpty()) {
            return List.of(new Row("Bytes per change flat as documents grow", "needs the growing-document workload", "not judged"),
                    new Row("≥ 50× fewer bytes per change than naive on 100 KiB documents", "needs the growing-document workload", "not judged"));
        }
        double[] deciles = Progress.deciles(bridge.get().progress());
        double low = Double.MAX_VALUE;
        double high = 0;
        // The first tenth is left out: the list fills up to its bound there.
        for (int d = 1; d < deciles.length; d++) {
            if (!Double.isNaN(deciles[d])) {
                low = Math.min(low, deciles[d]);
                high = Math.max(high, deciles[d]);
            }
        }
        String naiveGrowth = naive.map(n -> {
            double[] nd = Progress.deciles(n.progress());
            return String.format(Locale.ROOT, "; naive %,.0f B in the first tenth → %,.0f B in the last", nd[0], nd[9]);
        }).orElse("");
        boolean flat = high > 0 && high <= 1.5 * low;
        Row flatRow = new Row("Bytes per change flat as documents grow",
                String.format(Locale.ROOT, "growing-document, Monobridge per tenth of the stream (2nd–10th): %,.0f–%,.0f B/change%s",
                        low, high, naiveGrowth), high > 0 ? verdict(flat) : "not judged");
        if (naive.isEmpty()) {
            return List.of(flatRow, new Row("≥ 50× fewer bytes per change than naive on 100 KiB documents", "needs the naive pipeline", "not judged"));
        }
        long at = Progress.changesWhenLargestReached(naive.get().samples(), HUNDRED_KIB);
        if (at < 0) {
            return List.of(flatRow, new Row("≥ 50× fewer bytes per change than naive on 100 KiB documents",
                    String.format(Locale.ROOT, "the naive document never reached 100 KiB (largest %,.0f KiB): run more --growing-changes",
                            naive.get().finalSizes().max() / 1024.0), "not judged"));
        }
        long window = Math.max(1, Progress.total(naive.get().progress()) / 10);
        double naiveBytes = Progress.bytesSentPerChange(naive.get().progress(), at, at + window);
        double bridgeBytes = Progress.bytesSentPerChange(bridge.get().progress(), at, at + window);
        double ratio = naiveBytes / bridgeBytes;
        return List.of(flatRow, new Row("≥ 50× fewer bytes per change than naive on 100 KiB documents",
                String.format(Locale.ROOT, "from the change where the naive document reached 100 KiB (change %,d, next %,d changes): naive %,.0f B/change, Monobridge %,.0f B/change: %.1f× fewer",
                        at, window, naiveBytes, bridgeBytes, ratio), verdict(ratio >= 50)));
    }

    private static Row latency(List<RunResult> results, double rate) {
        List<String> measured = new ArrayList<>();
        boolean allMet = true;
        int judged = 0;
        for (RunResult result : results) {
            if (result.pipeline() != PipelineKind.MONOBRIDGE) {
                continue;
            }
            Optional<PhaseResult> phase = result.phase(Benchmarks.RATE);
            if (phase.isEmpty() || phase.get().latency().isEmpty()) {
                continue;
            }
            PhaseResult p = phase.get();
            // A workload whose transactions could not be committed at 5,000 changes/s says nothing about that rate.
            boolean atTargetRate = p.offeredPerSecond() >= 0.95 * TARGET_RATE && p.offeredPerSecond() <= 1.05 * TARGET_RATE;
            if (atTargetRate) {
                judged++;
                allMet &= p.latency().p99() < 100 && p.complete();
            }
            measured.add(String.format(Locale.ROOT, "%s p99 %.0f ms (offered %,.0f/s%s)", result.workload(), p.latency().p99(),
                    p.offeredPerSecond(), atTargetRate ? "" : ": not judged"));
        }
        return new Row("p99 commit→ack < 100 ms at 5,000 changes/s offered", measured.isEmpty() ? "no stream workload" : String.join("; ", measured),
                judged == 0 ? "not judged (no workload offered 5,000/s; --rate " + String.format(Locale.ROOT, "%,.0f", rate) + ")" : verdict(allMet));
    }

    private static Row heap(List<RunResult> results) {
        long peak = -1;
        String where = "";
        boolean failed = false;
        for (RunResult result : results) {
            if (result.pipeline() != PipelineKind.MONOBRIDGE) {
                continue;
            }
            if (result.failure() != null && result.failure().contains("OutOfMemoryError")) {
                failed = true;
                where = result.workload() + " ran out of heap";
            }
            if (!failed && result.heapPeakAfterGc() > peak) {
                peak = result.heapPeakAfterGc();
                where = result.workload();
            }
        }
        long max = Runtime.getRuntime().maxMemory();
        String measured = String.format(Locale.ROOT, "peak heap after GC %s (%s), JVM -Xmx %,.0f MiB%s",
                peak < 0 ? "n/a" : String.format(Locale.ROOT, "%,.0f MiB", peak / 1048576.0), where, max / 1048576.0,
                failed ? "; ran out of heap" : "");
        String verdict = failed ? "missed" : peak < 0 ? "not judged" : verdict(peak < 512L * 1024 * 1024);
        if (max > 512L * 1024 * 1024 * 105 / 100) {
            verdict += " (JVM not limited to 512 MiB)";
        }
        return new Row("Peak heap < 512 MiB (-Xmx512m)", measured, verdict);
    }

    /**
     * Whether a phase kept up with the workload's commits, so that its rate is the workload's and not
     * the pipeline's: then the pipeline's limit lies above it.
     */
    static boolean workloadBound(PhaseResult phase) {
        return !Double.isNaN(phase.offeredPerSecond()) && phase.changesPerSecond() >= 0.9 * phase.offeredPerSecond();
    }

    private static String verdict(boolean met) {
        return met ? "met" : "missed";
    }

    static List<String> workloads(List<RunResult> results) {
        return results.stream().map(RunResult::workload).distinct().toList();
    }

    static Optional<RunResult> find(List<RunResult> results, String workload, PipelineKind pipeline) {
        return results.stream().filter(r -> r.workload().equals(workload) && r.pipeline() == pipeline).findFirst();
    }
}
