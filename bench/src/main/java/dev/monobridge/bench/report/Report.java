package dev.monobridge.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.monobridge.bench.measure.DocumentSizeSampler;
import dev.monobridge.bench.measure.MeasuringSink;
import dev.monobridge.bench.measure.Percentiles;
import dev.monobridge.bench.pipeline.Agreement;
import dev.monobridge.bench.pipeline.PipelineKind;

/**
 * Writes a run's results: {@code results.md} (the table, the targets, how it was measured),
 * {@code results.csv} (every phase of every run), {@code document-sizes.csv} and {@code progress.csv}
 * (the series behind the charts), and the PNG charts.
 */
public final class Report {

    static final String REBUILD_NOT_MEASURED = "not measured here";
    private static final double MIB = 1024.0 * 1024.0;

    private final Path folder;
    private final Environment environment;
    private final List<RunResult> results;
    private final Map<String, Agreement> agreements;
    private final double rate;

    public Report(Path folder, Environment environment, List<RunResult> results, Map<String, Agreement> agreements, double rate) {
        this.folder = folder;
        this.environment = environment;
        this.results = List.copyOf(results);
        this.agreements = Map.copyOf(agreements);
        this.rate = rate;
    }

    public void write() throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("results.md"), markdown(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("results.csv"), resultsCsv(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("document-sizes.csv"), documentSizesCsv(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve("progress.csv"), progressCsv(), StandardCharsets.UTF_8);
        new ReportCharts(folder, results, rate).write();
    }

    /** The main table: one row per workload and pipeline. */
    public String markdownTable() {
        StringBuilder table = new StringBuilder();
        String rateLabel = String.format(Locale.ROOT, "%,.0f/s", rate);
        table.append("| workload | pipeline | changes/s | of ceiling | latency @ ").append(rateLabel)
                .append(" p50 / p99 / max (ms) | latency @ saturation p50 / p99 / max (ms) | bytes sent / change | bytes received / change"
                        + " | round trips / change | peak heap after GC (MiB) | peak heap used (MiB) | doc size p50 / p99 / max at end (KiB)"
                        + " | largest doc seen (KiB) | rebuild rows/s |\n");
        table.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n");
        for (RunResult result : results) {
            if (result.refusal() != null) {
                // The sink refused the configuration: no figures, and the reason where the throughput would be.
                table.append("| ").append(result.workload()).append(" | ").append(result.pipeline().label()).append(" | refused: ")
                        .append(result.refusal().replace('|', '/')).append(" |").append(" — |".repeat(10)).append(" ")
                        .append(REBUILD_NOT_MEASURED).append(" |\n");
                continue;
            }
            Optional<PhaseResult> headline = result.headline();
            Optional<PhaseResult> ceiling = Targets.find(results, result.workload(), PipelineKind.CEILING).flatMap(RunResult::headline);
            table.append("| ").append(result.workload())
                    .append(" | ").append(result.pipeline().label())
                    .append(" | ").append(headline.map(p -> num(p.changesPerSecond(), "%,.0f") + (p.complete() ? "" : " (incomplete)")).orElse("—"))
                    .append(" | ").append(headline.isPresent() && ceiling.isPresent()
                            ? num(100 * headline.get().changesPerSecond() / ceiling.get().changesPerSecond(), "%.0f%%")
                            + (Targets.workloadBound(ceiling.get()) ? "*" : "") : "—")
                    .append(" | ").append(latency(result.phase(Benchmarks.RATE)))
                    .append(" | ").append(latency(result.phase(Benchmarks.SATURATION)))
                    .append(" | ").append(headline.map(p -> num(p.bytesSentPerChange(), "%,.0f")).orElse("—"))
                    .append(" | ").append(headline.map(p -> num(p.bytesReceivedPerChange(), "%,.0f")).orElse("—"))
                    .append(" | ").append(headline.map(p -> num(p.roundTripsPerChange(), "%.2f")).orElse("—"))
                    .append(" | ").append(result.heapPeakAfterGc() < 0 ? "—" : num(result.heapPeakAfterGc() / MIB, "%,.0f"))
                    .append(" | ").append(num(result.heapPeakUsed() / MIB, "%,.0f"))
                    .append(" | ").append(result.finalSizes().documents() == 0 ? "—"
                            : num(result.finalSizes().p50() / 1024.0, "%,.1f") + " / " + num(result.finalSizes().p99() / 1024.0, "%,.1f")
                            + " / " + num(result.finalSizes().max() / 1024.0, "%,.1f"))
                    .append(" | ").append(largestSeen(result))
                    .append(" | ").append(REBUILD_NOT_MEASURED)
                    .append(" |\n");
        }
        return table.toString();
    }

    public String targetsTable() {
        StringBuilder table = new StringBuilder("| target | measured | verdict |\n|---|---|---|\n");
        for (Targets.Row row : Targets.evaluate(results, rate)) {
            table.append("| ").append(row.target()).append(" | ").append(row.measured()).append(" | ").append(row.verdict()).append(" |\n");
        }
        return table.toString();
    }

    private String markdown() {
        StringBuilder md = new StringBuilder("# Monobridge benchmark\n\n");
        md.append("Taken ").append(environment.takenAt()).append(" on ").append(environment.cores()).append(" cores (")
                .append(environment.cpu()).append("), ").append(environment.memory()).append(" RAM, ").append(environment.os())
                .append("; ").append(environment.java()).append(", max heap ")
                .append(num(environment.maxHeapBytes() / MIB, "%,.0f")).append(" MiB (").append(environment.jvmArguments())
                .append("); ").append(environment.postgres()).append("; ").append(environment.mongo()).append(".\n\n");
        md.append(markdownTable()).append('\n');
        md.append("- changes/s: the saturation phase (the workload committed as fast as PostgreSQL takes it, while the pipeline runs),")
                .append(" from the first commit to the last MongoDB acknowledgement; for bulk-load, the initial snapshot from the capture's start.")
                .append(" A * marks a ceiling that kept up with the workload's commits (at least 90% of the offered rate): the limit lies above it.\n")
                .append("- Bytes and round trips per change are of that same phase, from the MongoDB driver's command listener on the")
                .append(" pipeline's own client (bytes sent: the command documents, bulk payloads included; received: the replies).")
                .append(" Monobridge's include its row-state writes.\n")
                .append("- Latency: source commit time (PostgreSQL's, same clock) to the moment the pipeline acknowledged the batch, that is after MongoDB acknowledged (Monobridge's pipeline acknowledges on its writer thread while it projects the next batch).\n")
                .append("- Heap: this JVM while the pipeline ran; after GC is the larger bound on what it keeps alive. The in-process MongoDB runs in")
                .append(" its own JVM unless --mongo-jvm same.\n")
                .append("- rebuild rows/s: ").append(REBUILD_NOT_MEASURED).append(" (a rebuild is measured on its own: `monobridge rebuild` reports its rate; see the README).\n\n");
        md.append("## Targets\n\n").append(targetsTable()).append('\n');
        if (!agreements.isEmpty()) {
            md.append("## Does the naive baseline build the same documents?\n\n")
                    .append("Every field of every document and list entry Monobridge holds is looked up in the naive pipeline's document")
                    .append(" (which also holds what Monobridge bounded, dropped or deleted).\n\n");
            agreements.forEach((workload, agreement) -> md.append("- ").append(workload).append(": ").append(agreement).append('\n'));
            md.append('\n');
        }
        List<String> notes = new ArrayList<>();
        for (RunResult result : results) {
            if (result.refusal() != null) {
                notes.add(result.workload() + " / " + result.pipeline().label() + ": refused: " + result.refusal());
            }
            if (result.failure() != null) {
                notes.add(result.workload() + " / " + result.pipeline().label() + ": FAILED: " + result.failure());
            }
            if (!result.notes().isBlank()) {
                notes.add(result.workload() + " / " + result.pipeline().label() + ": " + result.notes().trim());
            }
        }
        if (!notes.isEmpty()) {
            md.append("## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
            md.append('\n');
        }
        md.append("## Every phase\n\n| workload | pipeline | phase | changes | seconds | changes/s | offered/s | p50 / p99 / max (ms) | round trips | bytes sent | bytes received | CPU s: bench JVM / MongoDB / PostgreSQL / other processes |\n")
                .append("|---|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (RunResult result : results) {
            for (PhaseResult phase : result.phases()) {
                md.append("| ").append(result.workload()).append(" | ").append(result.pipeline().label()).append(" | ").append(phase.name())
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", phase.changes())).append(phase.complete() ? "" : " of " + phase.expected())
                        .append(" | ").append(num(phase.seconds(), "%.2f"))
                        .append(" | ").append(num(phase.changesPerSecond(), "%,.0f"))
                        .append(" | ").append(num(phase.offeredPerSecond(), "%,.0f"))
                        .append(" | ").append(latency(Optional.of(phase)))
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", phase.traffic().commands()))
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", phase.traffic().bytesSent()))
                        .append(" | ").append(String.format(Locale.ROOT, "%,d", phase.traffic().bytesReceived()))
                        .append(" | ").append(cpu(phase.cpu().benchSeconds())).append(" / ").append(cpu(phase.cpu().mongoSeconds()))
                        .append(" / ").append(cpu(phase.cpu().postgresSeconds())).append(" / ").append(cpu(phase.cpu().otherSeconds()))
                        .append(" |\n");
            }
        }
        md.append("\nCharts: `throughput-vs-ceiling.png`, `latency-at-rate.png`, `latency-at-saturation.png`, `document-size-over-time.png`,")
                .append(" `bytes-per-change.png`. Data: `results.csv`, `document-sizes.csv`, `progress.csv`.\n");
        return md.toString();
    }

    private String resultsCsv() {
        StringBuilder csv = new StringBuilder("workload,pipeline,phase,changes,expected,complete,seconds,changes_per_s,offered_per_s,"
                + "latency_p50_ms,latency_p99_ms,latency_max_ms,round_trips,bytes_sent,bytes_received,bytes_sent_per_change,"
                + "bytes_received_per_change,round_trips_per_change,heap_peak_after_gc_mib,heap_peak_used_mib,doc_p50_bytes,"
                + "doc_p99_bytes,doc_max_bytes,cpu_bench_s,cpu_mongo_s,cpu_postgres_s,cpu_other_s,rebuild_rows_per_s,failure\n");
        for (RunResult result : results) {
            for (PhaseResult phase : result.phases()) {
                Percentiles latency = phase.latency();
                csv.append(String.join(",", result.workload(), result.pipeline().label(), phase.name(),
                        Long.toString(phase.changes()), Long.toString(phase.expected()), Boolean.toString(phase.complete()),
                        csvNum(phase.seconds()), csvNum(phase.changesPerSecond()), csvNum(phase.offeredPerSecond()),
                        csvNum(latency.p50()), csvNum(latency.p99()), csvNum(latency.max()),
                        Long.toString(phase.traffic().commands()), Long.toString(phase.traffic().bytesSent()),
                        Long.toString(phase.traffic().bytesReceived()), csvNum(phase.bytesSentPerChange()),
                        csvNum(phase.bytesReceivedPerChange()), csvNum(phase.roundTripsPerChange()),
                        result.heapPeakAfterGc() < 0 ? "" : csvNum(result.heapPeakAfterGc() / MIB), csvNum(result.heapPeakUsed() / MIB),
                        Long.toString(result.finalSizes().p50()), Long.toString(result.finalSizes().p99()),
                        Long.toString(result.finalSizes().max()), csvNum(phase.cpu().benchSeconds()),
                        phase.cpu().mongoSeconds() < 0 ? "" : csvNum(phase.cpu().mongoSeconds()),
                        phase.cpu().postgresSeconds() < 0 ? "" : csvNum(phase.cpu().postgresSeconds()),
                        phase.cpu().otherSeconds() < 0 ? "" : csvNum(phase.cpu().otherSeconds()), REBUILD_NOT_MEASURED,
                        result.failure() == null ? "" : '"' + result.failure().replace('"', '\'') + '"')).append('\n');
            }
        }
        return csv.toString();
    }

    private String documentSizesCsv() {
        StringBuilder csv = new StringBuilder("workload,pipeline,elapsed_ms,phase,changes_applied,documents_sampled,p50_bytes,p99_bytes,max_bytes\n");
        for (RunResult result : results) {
            for (DocumentSizeSampler.Sample sample : result.samples()) {
                csv.append(result.workload()).append(',').append(result.pipeline().label()).append(',').append(sample.elapsedMillis())
                        .append(',').append(sample.phase()).append(',').append(sample.changes()).append(',').append(sample.sizes().documents())
                        .append(',').append(sample.sizes().p50()).append(',').append(sample.sizes().p99()).append(',')
                        .append(sample.sizes().max()).append('\n');
            }
        }
        return csv.toString();
    }

    private String progressCsv() {
        StringBuilder csv = new StringBuilder("workload,pipeline,changes_applied,round_trips,bytes_sent,bytes_received\n");
        for (RunResult result : results) {
            for (MeasuringSink.ProgressPoint point : result.progress()) {
                csv.append(result.workload()).append(',').append(result.pipeline().label()).append(',').append(point.changes())
                        .append(',').append(point.totals().commands()).append(',').append(point.totals().bytesSent()).append(',')
                        .append(point.totals().bytesReceived()).append('\n');
            }
        }
        return csv.toString();
    }

    private static String largestSeen(RunResult result) {
        long largest = result.finalSizes().max();
        for (DocumentSizeSampler.Sample sample : result.samples()) {
            largest = Math.max(largest, sample.sizes().max());
        }
        return largest == 0 ? "—" : num(largest / 1024.0, "%,.1f");
    }

    private static String latency(Optional<PhaseResult> phase) {
        if (phase.isEmpty() || phase.get().latency().isEmpty()) {
            return "—";
        }
        Percentiles p = phase.get().latency();
        return num(p.p50(), "%,.0f") + " / " + num(p.p99(), "%,.0f") + " / " + num(p.max(), "%,.0f");
    }

    private static String cpu(double seconds) {
        return seconds < 0 ? "n/a" : String.format(Locale.ROOT, "%.1f", seconds);
    }

    static String num(double value, String format) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "—" : String.format(Locale.ROOT, format, value);
    }

    private static String csvNum(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }
}
