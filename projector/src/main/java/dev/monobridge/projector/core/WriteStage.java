package dev.monobridge.projector.core;

import java.util.function.Supplier;

/**
 * Where a {@link Projector}'s store operations run (a batch's document and state writes, a
 * reconciliation, a rebuild's swap): one at a time, in the order they were given. That order is the
 * order the projector computed them in, which is what makes overlap safe: each batch's writes are
 * differences from what the batches before it wrote, so MongoDB must see them in that order.
 *
 * <p>{@link #INLINE} runs each operation on the caller's thread (no overlap: the Kafka Connect sink, tests);
 * {@link WriterThread} runs them on a thread of its own, so that the projector computes the next batch
 * meanwhile.
 */
interface WriteStage {

    /** Runs every operation at once, on the caller's thread. */
    WriteStage INLINE = new WriteStage() {
        @Override
        public void submit(Runnable operation, Acknowledgement acknowledgement) {
            try {
                operation.run();
            } catch (RuntimeException e) {
                acknowledgement.failed(e);
                throw e;
            }
            acknowledgement.acknowledged();
        }

        @Override
        public <T> T call(Supplier<T> operation) {
            return operation.get();
        }
    };

    /**
     * Runs the operation after every one given before it, then tells the acknowledgement; may return
     * before it has run, and blocks while the stage holds as many operations as it takes.
     */
    void submit(Runnable operation, Acknowledgement acknowledgement) throws InterruptedException;

    /**
     * Runs the operation after every one given before it, and returns its result once it has run.
     *
     * @throws RuntimeException what the operation threw, or why the stage could not run it (an earlier
     *     operation failed, or the stage was closed)
     */
    <T> T call(Supplier<T> operation);
}
