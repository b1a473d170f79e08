package dev.monobridge.bench.report;

import java.util.List;
import java.util.Optional;

import dev.monobridge.bench.measure.DocumentSizeSampler;
import dev.monobridge.bench.measure.DocumentSizes;
import dev.monobridge.bench.measure.MeasuringSink;
import dev.monobridge.bench.pipeline.PipelineKind;

/**
 * One workload through one pipeline.
 *
 * @param heapPeakAfterGc peak heap in use right after a collection, in bytes; -1 if none ran
 * @param heapPeakUsed    peak heap used, garbage included
 * @param finalSizes      every document's size at the end
 * @param samples         document sizes sampled while it ran
 * @param progress        streamed changes applied against client traffic, batch by batch
 * @param failure         why the run stopped early, or null
 * @param refusal         why the pipeline refused to run this configuration (a sink refusing two tasks), or null
 */
public record RunResult(String workload, PipelineKind pipeline, List<PhaseResult> phases, long heapPeakAfterGc,
                        long heapPeakUsed, DocumentSizes finalSizes, List<DocumentSizeSampler.Sample> samples,
                        List<MeasuringSink.ProgressPoint> progress, String notes, String failure, String refusal) {

    /** A pipeline that refused the configuration: reported as such, with no figures, and not a failure of the run. */
    public static RunResult refused(String workload, PipelineKind pipeline, String refusal) {
        return new RunResult(workload, pipeline, List.of(), -1, -1, DocumentSizes.NONE, List.of(), List.of(), "", null, refusal);
    }

    public Optional<PhaseResult> phase(String name) {
        return phases.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The phase whose throughput the table reports: saturation when the workload streams, else the snapshot. */
    public Optional<PhaseResult> headline() {
        return phase(Benchmarks.SATURATION).or(() -> phase(Benchmarks.SNAPSHOT));
    }
}
