package dev.monobridge.projector.core;

import java.util.List;

import dev.monobridge.projector.change.Change;

/**
 * Where a capture adapter hands its batches: the embedded engine's consumer today, a Kafka Connect
 * sink task tomorrow. When {@link #accept} returns, the batch is durable and the adapter may commit its
 * source offsets; when it throws, the adapter must not.
 */
public interface ChangeSink {

    /**
     * @param changes    the batch's changes, in source order
     * @param unreadable records the adapter could not read as changes, to be kept as dead letters
     */
    void accept(List<Change> changes, List<DeadLetter> unreadable);
}
