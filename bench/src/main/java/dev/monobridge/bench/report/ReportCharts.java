package dev.monobridge.bench.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.monobridge.bench.measure.DocumentSizeSampler;
import dev.monobridge.bench.pipeline.PipelineKind;

/** The report's charts, one PNG each. */
final class ReportCharts {

    private final Path folder;
    private final List<RunResult> results;
    private final double rate;

    ReportCharts(Path folder, List<RunResult> results, double rate) {
        this.folder = folder;
        this.results = results;
        this.rate = rate;
    }

    void write() throws IOException {
        throughput();
        latency(Benchmarks.RATE, "latency-at-rate.png",
                String.format(Locale.ROOT, "Commit → MongoDB ack at %,.0f changes/s offered", rate));
        latency(Benchmarks.SATURATION, "latency-at-saturation.png", "Commit → MongoDB ack at saturation (workload unpaced)");
        String workload = growthWorkload();
        documentSizes(workload);
        bytesPerChange(workload);
    }

    private List<PipelineKind> pipelines() {
        return results.stream().map(RunResult::pipeline).distinct().toList();
    }

    private void throughput() throws IOException {
        List<String> workloads = Targets.workloads(results);
        List<PipelineKind> pipelines = pipelines();
        double[][] values = new double[pipelines.size()][workloads.size()];
        for (int p = 0; p < pipelines.size(); p++) {
            for (int w = 0; w < workloads.size(); w++) {
                values[p][w] = Targets.find(results, workloads.get(w), pipelines.get(p)).flatMap(RunResult::headline)
                        .map(PhaseResult::changesPerSecond).orElse(Double.NaN);
            }
        }
        Charts.bars(folder.resolve("throughput-vs-ceiling.png"), "Throughput against the ceiling (saturation; bulk-load: snapshot)",
                "changes per second (log)", workloads, pipelines.stream().map(PipelineKind::label).toList(), values, true, "%,.0f");
    }

    private void latency(String phase, String file, String title) throws IOException {
        List<String> categories = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        for (RunResult result : results) {
            Optional<PhaseResult> p = result.phase(phase);
            if (p.isPresent() && !p.get().latency().isEmpty()) {
                categories.add(result.workload() + " / " + result.pipeline().label());
                rows.add(new double[] {p.get().latency().p50(), p.get().latency().p99(), p.get().latency().max()});
            }
        }
        double[][] values = new double[3][categories.size()];
        for (int c = 0; c < categories.size(); c++) {
            for (int s = 0; s < 3; s++) {
                values[s][c] = rows.get(c)[s];
            }
        }
        Charts.bars(folder.resolve(file), title, "milliseconds (log)", categories, List.of("p50", "p99", "max"), values, true, "%.0f");
    }

    /** The growing-document workload when it ran, else the first one with sampled documents. */
    private String growthWorkload() {
        List<String> workloads = Targets.workloads(results);
        if (workloads.contains("growing-document")) {
            return "growing-document";
        }
        return results.stream().filter(r -> !r.samples().isEmpty()).map(RunResult::workload).findFirst().orElse("");
    }

    private void documentSizes(String workload) throws IOException {
        List<Charts.Series> series = new ArrayList<>();
        for (PipelineKind kind : List.of(PipelineKind.MONOBRIDGE, PipelineKind.NAIVE)) {
            Optional<RunResult> result = Targets.find(results, workload, kind);
            if (result.isEmpty() || result.get().samples().isEmpty()) {
                continue;
            }
            List<DocumentSizeSampler.Sample> samples = result.get().samples();
            double[] x = new double[samples.size()];
            double[] largest = new double[samples.size()];
            double[] median = new double[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                x[i] = samples.get(i).changes();
                largest[i] = samples.get(i).sizes().max() / 1024.0;
                median[i] = samples.get(i).sizes().p50() / 1024.0;
            }
            series.add(new Charts.Series(kind.label() + ": largest document", x, largest));
            series.add(new Charts.Series(kind.label() + ": median document", x, median));
        }
        Charts.line(folder.resolve("document-size-over-time.png"), "Document size as the " + workload + " workload runs",
                "workload changes applied (time →)", "KiB", series, false);
    }

    private void bytesPerChange(String workload) throws IOException {
        List<Charts.Series> series = new ArrayList<>();
        for (PipelineKind kind : List.of(PipelineKind.MONOBRIDGE, PipelineKind.NAIVE)) {
            Optional<RunResult> result = Targets.find(results, workload, kind);
            if (result.isEmpty() || result.get().progress().isEmpty()) {
                continue;
            }
            long total = Progress.total(result.get().progress());
            int windows = 20;
            double[] x = new double[windows];
            double[] y = new double[windows];
            for (int w = 0; w < windows; w++) {
                long from = total * w / windows;
                long to = total * (w + 1) / windows;
                x[w] = to;
                double bytes = Progress.bytesSentPerChange(result.get().progress(), from, to);
                y[w] = Double.isNaN(bytes) ? 0 : bytes;
            }
            series.add(new Charts.Series(kind.label(), x, y));
        }
        Charts.line(folder.resolve("bytes-per-change.png"), "Bytes sent to MongoDB per change as the " + workload + " workload runs",
                "workload changes applied (time →)", "bytes per change (log)", series, true);
    }
}
