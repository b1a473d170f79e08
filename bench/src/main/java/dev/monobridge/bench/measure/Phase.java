package dev.monobridge.bench.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One measured stretch of a run: the initial snapshot, or a stream of workload changes. It counts the
 * changes of its kind that the pipeline acknowledged, their latencies, and what the pipeline's client
 * sent to MongoDB meanwhile, and it is complete once the workload's whole count has been acknowledged.
 *
 * <p>Fed by the capture thread ({@link #record}); read by the harness once complete or timed out.
 */
public final class Phase {

    private final String name;
    private final boolean snapshot;
    private final Instant startedAt;
    private final CommandMeter.Totals startTotals;
    private final LatencyRecorder latency = new LatencyRecorder();
    private final CountDownLatch complete = new CountDownLatch(1);
    private long expected = Long.MAX_VALUE;
    private long count;
    private Instant firstCommit;
    private Instant lastAck;
    private CommandMeter.Totals endTotals;

    Phase(String name, boolean snapshot, Instant startedAt, CommandMeter.Totals startTotals) {
        this.name = name;
        this.snapshot = snapshot;
        this.startedAt = startedAt;
        this.startTotals = startTotals;
    }

    public String name() {
        return name;
    }

    /** Whether it counts snapshot reads (op r) rather than streamed changes. */
    boolean countsSnapshot() {
        return snapshot;
    }

    /** How many changes complete the phase; known once the workload has committed them all. */
    public synchronized void expect(long changes, CommandMeter.Totals totalsNow) {
        expected = changes;
        if (count >= expected) {
            finish(totalsNow);
        }
    }

    synchronized void record(Instant commitTime, Instant acked, boolean measureLatency) {
        count++;
        if (measureLatency) {
            latency.record(Duration.between(commitTime, acked).toNanos() / 1000);
        }
        if (firstCommit == null || commitTime.isBefore(firstCommit)) {
            firstCommit = commitTime;
        }
        lastAck = acked;
    }

    synchronized void batchDone(CommandMeter.Totals totalsNow) {
        if (count >= expected) {
            finish(totalsNow);
        }
    }

    private void finish(CommandMeter.Totals totalsNow) {
        if (endTotals == null) {
            endTotals = totalsNow;
            complete.countDown();
        }
    }

    /** Waits for the phase to complete; false on timeout. */
    public boolean await(Duration timeout) throws InterruptedException {
        return complete.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public synchronized long count() {
        return count;
    }

    public synchronized long expected() {
        return expected;
    }

    public synchronized boolean isComplete() {
        return endTotals != null;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** The earliest source commit among the phase's changes (the snapshot's time, for a snapshot). */
    public synchronized Instant firstCommit() {
        return firstCommit;
    }

    public synchronized Instant lastAck() {
        return lastAck;
    }

    public synchronized Percentiles latency() {
        return latency.percentiles();
    }

    /** What the pipeline's client sent and received during the phase, up to now if not complete. */
    public synchronized CommandMeter.Totals traffic(CommandMeter.Totals totalsNow) {
        return (endTotals != null ? endTotals : totalsNow).minus(startTotals);
    }
}
