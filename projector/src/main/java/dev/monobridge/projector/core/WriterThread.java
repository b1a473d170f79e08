package dev.monobridge.projector.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link WriteStage} with a thread of its own and a bounded queue in front of it. After an operation
 * fails, it runs none of the operations behind it (the projector's states moved ahead of what was
 * stored, and the offsets must not move past the failed batch): each of them fails with the same cause.
 *
 * <p>Lifecycle: {@link #start}, then {@link #close} once; after that every operation fails at once.
 */
final class WriterThread implements WriteStage {

    private static final Logger LOG = LoggerFactory.getLogger(WriterThread.class);

    /** How often a submit waiting for room looks whether the writer has stopped meanwhile. */
    private static final Duration CLOSED_CHECK = Duration.ofMillis(100);

    private final BlockingQueue<Task> queue;
    private final Thread thread;
    private final IntConsumer inFlight;
    /** Guarded by {@code this}: operations given and not yet done, also those still waiting for room. */
    private int held;
    private volatile boolean running;
    private volatile RuntimeException failure;
    private volatile boolean closed;

    /**
     * @param capacity operations that may wait behind the running one
     * @param inFlight told how many operations the stage holds (queued or running; not those still waiting
     *                 for room) whenever that changes
     */
    private WriterThread(String name, int capacity, IntConsumer inFlight) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.inFlight = inFlight;
        this.thread = new Thread(this::run, name);
        // A daemon: a bridge that failed to close must not keep the JVM alive; close() stops it in order.
        this.thread.setDaemon(true);
    }

    static WriterThread start(String name, int capacity, IntConsumer inFlight) {
        WriterThread writer = new WriterThread(name, capacity, inFlight);
        writer.thread.start();
        return writer;
    }

    @Override
    public void submit(Runnable operation, Acknowledgement acknowledgement) throws InterruptedException {
        if (closed) {
            acknowledgement.failed(new IllegalStateException("the writer has stopped"));
            return;
        }
        Task task = new Task(operation, acknowledgement, LogContext.current());
        hold(+1);
        try {
            while (!queue.offer(task, CLOSED_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
                if (closed) {
                    fail(task, new IllegalStateException("the writer has stopped"));
                    return;
                }
            }
            report();
        } catch (InterruptedException e) {
            hold(-1);
            throw e;
        }
        // A close that drained the queue before this task went in must not leave it there unanswered:
        // whichever of the two takes it out fails it.
        if (closed && queue.remove(task)) {
            fail(task, new IllegalStateException("the writer has stopped"));
        }
    }

    @Override
    public <T> T call(Supplier<T> operation) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        List<T> result = new ArrayList<>(1);
        boolean interrupted = false;
        while (true) {
            try {
                submit(() -> result.add(operation.get()), new Acknowledgement() {
                    @Override
                    public void acknowledged() {
                        done.complete(null);
                    }

                    @Override
                    public void failed(RuntimeException cause) {
                        done.completeExceptionally(cause);
                    }
                });
                break;
            } catch (InterruptedException e) {
                // The caller holds the projector's lock and must see its operation through, as it would inline.
                interrupted = true;
            }
        }
        try {
            while (true) {
                try {
                    done.get();
                    return result.get(0);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Waits until no operation is queued or running, for at most the timeout; whether it came to that. */
    synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (held > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    /**
     * Stops the thread: an operation still running is interrupted (a write retrying against a MongoDB that
     * is away gives up), and every operation not run fails.
     */
    void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Task left;
        while ((left = queue.poll()) != null) {
            fail(left, new IllegalStateException("the writer stopped before this batch was stored"));
        }
    }

    private void run() {
        while (!closed) {
            Task task;
            try {
                task = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            running = true;
            report();
            RuntimeException earlier = failure;
            if (earlier != null) {
                fail(task, earlier);
                continue;
            }
            task.logFields().enter();
            try {
                try {
                    task.operation().run();
                } catch (RuntimeException e) {
                    failure = e;
                    fail(task, e);
                    continue;
                }
                try {
                    task.acknowledgement().acknowledged();
                } catch (RuntimeException e) {
                    // What the capture does with an acknowledgement is its own business; the writes stand.
                    LOG.error("Handling the acknowledgement of a stored batch failed", e);
                } finally {
                    hold(-1);
                }
            } finally {
                LogContext.leave();
            }
        }
    }

    private void fail(Task task, RuntimeException cause) {
        try {
            task.acknowledgement().failed(cause);
        } catch (RuntimeException e) {
            LOG.error("Handling the failure of a batch failed", e);
        } finally {
            hold(-1);
        }
    }

    /** Done with an operation (run, failed or refused), or given one that may still wait for room. */
    private synchronized void hold(int delta) {
        held += delta;
        if (delta < 0 && Thread.currentThread() == thread) {
            running = false;
        }
        report();
        notifyAll();
    }

    /**
     * A gauge, not a count to rely on: what waits in the queue and what runs, as of now. Computed and set under
     * the lock, so that of two threads reporting at once the later one sets what it saw last.
     */
    private synchronized void report() {
        inFlight.accept(queue.size() + (running ? 1 : 0));
    }

    private record Task(Runnable operation, Acknowledgement acknowledgement, LogContext logFields) {
    }
}
