package dev.monobridge.bench.pipeline;

import java.util.List;

import dev.monobridge.bench.measure.CommandMeter;
import dev.monobridge.projector.core.PipelinedSink;

/**
 * What receives the capture's batches in one benchmark run. Closing it releases its MongoDB client;
 * the capture must be closed first.
 */
public interface Pipeline extends AutoCloseable {

    /** Where the capture hands its batches; acknowledged once stored, which is when latency is measured. */
    PipelinedSink sink();

    /** What its MongoDB client has sent so far. */
    CommandMeter.Totals totals();

    /** Collections holding its documents, for sampling their sizes; empty when it writes none. */
    List<String> collections();

    /**
     * Changes it has applied so far, counted change by change, for pipelines that apply them one at a
     * time (the naive one); -1 for those that apply a batch at once, whose progress is the batch's.
     */
    default long changesApplied() {
        return -1;
    }

    /** Anything worth reporting about the run, such as dead letters; empty when nothing is. */
    String notes();

    @Override
    void close();
}
