package dev.monobridge.bench.workload;

import java.util.concurrent.locks.LockSupport;

/** Paces a workload to an offered rate of changes per second, or not at all. */
public final class Pacer {

    private final double nanosPerChange;
    private final long startNanos = System.nanoTime();

    private Pacer(double nanosPerChange) {
        this.nanosPerChange = nanosPerChange;
    }

    public static Pacer at(double changesPerSecond) {
        return new Pacer(1e9 / changesPerSecond);
    }

    /** As fast as the source takes the writes. */
    public static Pacer unpaced() {
        return new Pacer(0);
    }

    /** Waits until the change numbered {@code changesSoFar} is due. */
    void await(long changesSoFar) {
        if (nanosPerChange == 0) {
            return;
        }
        long due = startNanos + (long) (changesSoFar * nanosPerChange);
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
