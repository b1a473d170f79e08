package dev.monobridge.projector.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.monobridge.projector.change.Change;

/**
 * Capture, projection and MongoDB writes overlapped (issue 12, docs/pipeline.md): the capture adapter
 * {@link #submit hands} batch N+2 while the projecting thread computes batch N+1's writes and the
 * writer thread stores batch N's. Three stages, each holding at most {@value #DEPTH} batches waiting
 * besides the one it works on; a full stage blocks the one before it, down to the capture, so memory
 * stays bounded and the source's log waits in the source.
 *
 * <pre>
 *  capture ──submit──► [batches to project] ──projecting thread──► [store operations] ──writer thread──► MongoDB
 *                                                                                             │
 *  capture ◄───────────────────────── acknowledgement, in order ───────────────────────────────┘
 * </pre>
 *
 * <p>What keeps it correct:
 * <ul>
 *   <li>Batches are projected one at a time, in the order handed over, under the projector's lock, and
 *       their store operations are run in that same order ({@link WriteStage}); so are the timer's and
 *       the rebuilds' operations, which go through the same lock and stage.</li>
 *   <li>A batch's states are in the heap before it is written: row states not yet acknowledged stay
 *       pinned in the state store's cache, so batch N+1 reads what batch N left, never an older
 *       version from MongoDB.</li>
 *   <li>Acknowledgements come in order, after MongoDB acknowledged the batch's documents, states and
 *       dead letters; the capture moves its offsets only then, so they never pass a batch that is
 *       not stored.</li>
 *   <li>A failure (a batch that cannot be projected or stored) fails that batch and every one after it;
 *       nothing more is written, and the projector refuses every call until it is re-opened.</li>
 * </ul>
 *
 * <p>Lifecycle: {@link #start}, then {@link #close} once, after the capture stopped handing batches.
 */
public final class ProjectorPipeline implements PipelinedSink, AutoCloseable {

    /**
     * Batches each stage holds waiting besides the one it works on. Two keep every stage busy when their
     * speeds vary from batch to batch; more would only hold more batches (up to 2,048 changes each) in
     * the heap and more changes to replay after a crash, without more overlap on two busy threads.
     */
    public static final int DEPTH = 2;

    /**
     * How long a close waits for the batches handed over to be stored before it gives up on them (they are
     * captured again at the next start). The capture has drained the pipeline before, within its own wait, so
     * what is left here is a write to a MongoDB that is away: a stop must not wait for it much longer.
     */
    static final Duration DRAIN_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(ProjectorPipeline.class);

    private final Projector projector;
    private final ProjectorStats stats;
    private final BlockingQueue<Captured> captured = new ArrayBlockingQueue<>(DEPTH);
    private final WriterThread writer;
    private final Thread projecting;
    /** Guarded by {@code this}: batches handed over (or being handed) and not yet taken by the write stage. */
    private int toProject;
    /** Whether the projecting thread holds a batch: projecting it, or waiting for room in the write stage. */
    private volatile boolean projectingOne;
    private volatile RuntimeException failure;
    private volatile boolean closed;

    private ProjectorPipeline(Projector projector, ProjectorStats stats) {
        this.projector = projector;
        this.stats = stats;
        this.writer = WriterThread.start("monobridge-writer", DEPTH, stats::batchesToWrite);
        this.projecting = new Thread(this::project, "monobridge-projector");
        this.projecting.setDaemon(true);
    }

    /** Starts the projecting and writer threads; from now on the projector's store operations run on the writer. */
    public static ProjectorPipeline start(Projector projector, ProjectorStats stats) {
        ProjectorPipeline pipeline = new ProjectorPipeline(projector, stats);
        projector.useWriteStage(pipeline.writer);
        pipeline.projecting.start();
        return pipeline;
    }

    @Override
    public void submit(List<Change> changes, List<DeadLetter> unreadable, Acknowledgement acknowledgement)
            throws InterruptedException {
        RuntimeException failed = failure;
        if (failed != null) {
            throw new IllegalStateException("an earlier batch failed to store: " + failed.getMessage(), failed);
        }
        if (closed) {
            throw new IllegalStateException("the pipeline is closed");
        }
        Captured batch = new Captured(changes, unreadable, new Watched(acknowledgement), LogContext.current());
        held(+1);
        try {
            captured.put(batch);
        } catch (InterruptedException e) {
            held(-1);
            throw e;
        }
        report();
    }

    @Override
    public boolean drain(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (toProject > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return writer.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /**
     * Stores what was handed over (within {@link #DRAIN_WAIT}), then stops both threads; a batch not
     * stored by then fails, so its offsets stay where they are. The projector writes inline afterwards.
     */
    @Override
    public void close() {
        closed = true;
        try {
            if (!drain(DRAIN_WAIT)) {
                LOG.warn("Batches handed to the projector were not stored within {} s of the close; they are captured again"
                        + " at the next start", DRAIN_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        projecting.interrupt();
        try {
            projecting.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.close();
        projector.useWriteStage(WriteStage.INLINE);
        for (Captured left = captured.poll(); left != null; left = captured.poll()) {
            left.acknowledgement().failed(new IllegalStateException("the pipeline closed before this batch was projected"));
            held(-1);
        }
    }

    private void project() {
        while (true) {
            Captured batch;
            try {
                batch = captured.take();
            } catch (InterruptedException e) {
                return;
            }
            projectingOne = true;
            report();
            batch.logFields().enter();
            try {
                RuntimeException failed = failure;
                if (failed != null) {
                    batch.acknowledgement().failed(failed);
                    continue;
                }
                projector.submit(batch.changes(), batch.unreadable(), batch.acknowledgement());
            } catch (RuntimeException e) {
                batch.acknowledgement().failed(e);
            } catch (InterruptedException e) {
                batch.acknowledgement().failed(new IllegalStateException("the pipeline closed while this batch was projected"));
                return;
            } finally {
                LogContext.leave();
                projectingOne = false;
                held(-1);
            }
        }
    }

    private synchronized void held(int delta) {
        toProject += delta;
        report();
        notifyAll();
    }

    /** A gauge: what waits to be projected and what the projecting thread holds, as of now; not a capture blocked in submit. */
    private synchronized void report() {
        stats.batchesToProject(captured.size() + (projectingOne ? 1 : 0));
    }

    /** A batch handed over, not yet projected. */
    private record Captured(List<Change> changes, List<DeadLetter> unreadable, Acknowledgement acknowledgement,
                            LogContext logFields) {
    }

    /** Passes the acknowledgement on, and remembers the first failure: the pipeline takes nothing after it. */
    private final class Watched implements Acknowledgement {

        private final Acknowledgement delegate;

        Watched(Acknowledgement delegate) {
            this.delegate = delegate;
        }

        @Override
        public void acknowledged() {
            delegate.acknowledged();
        }

        @Override
        public void failed(RuntimeException cause) {
            if (failure == null) {
                failure = cause;
                if (!closed) {
                    LOG.error("A batch could not be projected or stored; the projector takes nothing more until it is re-opened: {}",
                            cause.getMessage(), cause);
                }
            }
            delegate.failed(cause);
        }
    }
}
