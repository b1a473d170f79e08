package dev.monobridge.bench.measure;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.core.Acknowledgement;
import dev.monobridge.projector.core.DeadLetter;
import dev.monobridge.projector.core.PipelinedSink;

/**
 * Wraps a pipeline's sink: when the wrapped sink acknowledges a batch, MongoDB has acknowledged it, so
 * each change's latency is the time from its source commit to then. It
 * also keeps, batch by batch, how many streamed changes the pipeline has applied against what its
 * client has sent so far, from which bytes per change are read as documents grow.
 */
public final class MeasuringSink implements PipelinedSink {

    private final PipelinedSink delegate;
    private final Supplier<CommandMeter.Totals> totals;
    private final List<ProgressPoint> progress = new ArrayList<>();
    private volatile Phase phase;
    private volatile long streamed;

    /**
     * @param totals what the pipeline's client has sent so far ({@code Totals.ZERO} when it has none)
     */
    public MeasuringSink(PipelinedSink delegate, Supplier<CommandMeter.Totals> totals) {
        this.delegate = delegate;
        this.totals = totals;
    }

    /** Starts counting a phase; changes of the other kind (snapshot or stream) are not counted in it. */
    public Phase begin(String name, boolean snapshot) {
        Phase next = new Phase(name, snapshot, Instant.now(), totals.get());
        phase = next;
        return next;
    }

    @Override
    public void submit(List<Change> changes, List<DeadLetter> unreadable, Acknowledgement acknowledgement)
            throws InterruptedException {
        delegate.submit(changes, unreadable, new Acknowledgement() {
            @Override
            public void acknowledged() {
                measure(changes);
                acknowledgement.acknowledged();
            }

            @Override
            public void failed(RuntimeException cause) {
                acknowledgement.failed(cause);
            }
        });
    }

    @Override
    public boolean drain(Duration timeout) throws InterruptedException {
        return delegate.drain(timeout);
    }

    /** Acknowledged batches come one at a time, in order, from the delegate's writer (or the capture's thread). */
    private void measure(List<Change> changes) {
        Instant acked = Instant.now();
        Phase current = phase;
        if (current == null) {
            return;
        }
        int counted = 0;
        for (Change change : changes) {
            boolean read = change.op() == Op.READ;
            if (read == current.countsSnapshot()) {
                // A snapshot read carries the snapshot's time, not a commit: no latency to speak of.
                current.record(change.commitTime(), acked, !read);
                counted++;
            }
        }
        batchDone(current, counted);
    }

    /**
     * For a pipeline whose sink runs elsewhere (a Kafka Connect task): a batch it has just had
     * acknowledged by MongoDB, as the source commit times of its snapshot reads and of its other
     * changes. Tasks may call it from several threads at once.
     */
    public synchronized void acknowledged(List<Instant> snapshotReads, List<Instant> streamedCommits) {
        Instant acked = Instant.now();
        Phase current = phase;
        if (current == null) {
            return;
        }
        List<Instant> counted = current.countsSnapshot() ? snapshotReads : streamedCommits;
        for (Instant commit : counted) {
            current.record(commit, acked, !current.countsSnapshot());
        }
        batchDone(current, counted.size());
    }

    private void batchDone(Phase current, int counted) {
        if (counted > 0) {
            CommandMeter.Totals now = totals.get();
            if (!current.countsSnapshot()) {
                streamed += counted;
                synchronized (progress) {
                    progress.add(new ProgressPoint(streamed, now));
                }
            }
            current.batchDone(now);
        }
    }

    /** Streamed changes applied so far, over all stream phases. */
    public long streamed() {
        return streamed;
    }

    /** After each batch of streamed changes: changes applied so far, and the client's totals then. */
    public List<ProgressPoint> progress() {
        synchronized (progress) {
            return List.copyOf(progress);
        }
    }

    public CommandMeter.Totals totals() {
        return totals.get();
    }

    public record ProgressPoint(long changes, CommandMeter.Totals totals) {
    }
}
