package dev.monobridge.projector.core;

import java.time.Duration;
import java.util.List;

import dev.monobridge.projector.change.Change;

/**
 * Where a capture adapter hands its batches without waiting for them to be stored: it hands batch N+1
 * while batch N is still being projected or written, and learns of each through its
 * {@link Acknowledgement}. A one-method port, as {@link ChangeSink} is for adapters that wait.
 */
public interface PipelinedSink {

    /**
     * Takes a batch. Returns as soon as the sink has room for it, and blocks while it has none, which is
     * the back-pressure that slows capture down to what MongoDB acknowledges.
     *
     * @param changes         the batch's changes, in source order
     * @param unreadable      records the adapter could not read as changes, to be kept as dead letters
     * @param acknowledgement told once, later, whether the batch was stored
     * @throws IllegalStateException when an earlier batch failed: the sink takes nothing more
     */
    void submit(List<Change> changes, List<DeadLetter> unreadable, Acknowledgement acknowledgement) throws InterruptedException;

    /**
     * Waits until every batch handed over so far has been acknowledged or has failed, for at most the
     * timeout; a capture adapter drains its sink before it saves its offsets for the last time.
     *
     * @return whether the sink was drained in time
     */
    default boolean drain(Duration timeout) throws InterruptedException {
        return true;
    }

    /**
     * A sink that stores each batch before {@link #submit} returns, and acknowledges it on the caller's
     * thread: no overlap. For sinks that only exist to be waited for (the benchmark's ceiling, tests).
     */
    static PipelinedSink synchronous(ChangeSink sink) {
        return (changes, unreadable, acknowledgement) -> {
            try {
                sink.accept(changes, unreadable);
            } catch (RuntimeException e) {
                acknowledgement.failed(e);
                throw e;
            }
            acknowledgement.acknowledged();
        };
    }
}
