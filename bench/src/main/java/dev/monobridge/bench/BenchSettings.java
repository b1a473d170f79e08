package dev.monobridge.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

import dev.monobridge.bench.pipeline.PipelineKind;
import dev.monobridge.bench.workload.BulkLoad;
import dev.monobridge.bench.workload.GrowingDocument;
import dev.monobridge.bench.workload.MixedWorkload;
import dev.monobridge.bench.workload.PriceStorm;
import dev.monobridge.bench.workload.Workload;

/**
 * One benchmark run's settings, parsed once from the command line.
 *
 * @param changes       for each streaming workload, changes per stream phase (rate, then saturation)
 * @param scale         size of the price storm's and the mixed workload's starting data (1.0: thousands of rows)
 * @param rate          the offered rate of the fixed-rate phase, changes per second
 * @param start         the moment the workloads' rows are placed around (whole minutes), the same for every pipeline
 * @param warmupChanges changes per phase of the unreported warm-up run through each pipeline; 0 for none
 * @param readers       concurrent readers of the price storm's read-load phase (monobridge pipeline); 0 for none
 * @param readInterval  between the starts of one reader's requests; zero for none (each asks again at once)
 */
record BenchSettings(List<String> workloads, List<PipelineKind> pipelines, long stormChanges, long growingChanges,
                     long mixedChanges, long bulkRows, double scale, double rate, long seed, Duration pollInterval,
                     int maxBatchSize, long sampleIntervalMillis, int sampleLimit, Duration phaseTimeout,
                     long warmupChanges, Path output, OffsetDateTime start, int readers, Duration readInterval) {

    static final List<String> WORKLOADS = List.of("price-storm", "growing-document", "bulk-load", "mixed");

    BenchSettings {
        workloads = List.copyOf(workloads);
        pipelines = List.copyOf(pipelines);
        for (String workload : workloads) {
            if (!WORKLOADS.contains(workload)) {
                throw new IllegalArgumentException("unknown workload '" + workload + "' (expected one of " + WORKLOADS + ")");
            }
        }
        if (readInterval.isNegative()) {
            throw new IllegalArgumentException("--read-interval-ms must be 0 or more, not " + readInterval.toMillis());
        }
        if (readers < 0) {
            throw new IllegalArgumentException("--readers must be 0 or more, not " + readers);
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive, not " + rate);
        }
    }

    Workload workload(String name) {
        return switch (name) {
            case "price-storm" -> new PriceStorm(scale, seed, start);
            case "growing-document" -> new GrowingDocument(seed, start);
            case "bulk-load" -> new BulkLoad(bulkRows, seed, start);
            case "mixed" -> new MixedWorkload(scale, seed, start);
            default -> throw new IllegalArgumentException("unknown workload " + name);
        };
    }

    long changesPerPhase(String workload) {
        return switch (workload) {
            case "price-storm" -> stormChanges;
            case "growing-document" -> growingChanges;
            case "mixed" -> mixedChanges;
            default -> 0;
        };
    }
}
