package dev.monobridge.connector.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C and SIGTERM into an orderly stop. The JVM halts as soon as its shutdown hooks return,
 * so the hook waits until the main thread has closed everything (engine, then MongoDB, then
 * PostgreSQL) and offsets are saved, up to a minute.
 */
final class ShutdownSignal implements AutoCloseable {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Thread hook;

    ShutdownSignal() {
        hook = new Thread(() -> {
            requested.countDown();
            try {
                closed.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "monobridge-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits up to the timeout for a stop request; true if one came. */
    boolean await(Duration timeout) throws InterruptedException {
        return requested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Call when everything is closed: lets a waiting shutdown hook return. */
    @Override
    public void close() {
        closed.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it has just been released.
        }
    }
}
