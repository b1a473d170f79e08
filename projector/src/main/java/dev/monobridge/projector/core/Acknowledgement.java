package dev.monobridge.projector.core;

/**
 * What a capture adapter is told of a batch it handed to a {@link PipelinedSink}: exactly one of the two,
 * once, on the sink's writer thread, and for the batches of one sink in the order they were handed over.
 */
public interface Acknowledgement {

    /**
     * MongoDB has acknowledged the batch, and every batch handed over before it: the adapter may now let
     * its source offsets move past the batch.
     */
    void acknowledged();

    /**
     * The batch will never be stored: it, or a batch before it, failed. The offsets must not move past it;
     * every later batch fails too.
     */
    void failed(RuntimeException cause);
}
