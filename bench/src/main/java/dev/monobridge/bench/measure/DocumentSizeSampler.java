package dev.monobridge.bench.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoDatabase;

/**
 * Samples the size of a pipeline's documents while it runs, on its own thread and through the
 * harness's client (so that the reads count against no pipeline). Each sample reads at most
 * {@code limit} documents per collection, the first ones in natural order, which include the growing
 * document of the growing-document workload.
 *
 * <p>Lifecycle: {@link #start}, then {@link #close()} once.
 */
public final class DocumentSizeSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DocumentSizeSampler.class);

    private final MongoDatabase database;
    private final List<String> collections;
    private final int limit;
    private final LongSupplier changesApplied;
    private final Supplier<String> phase;
    private final long startedNanos = System.nanoTime();
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-document-sampler");
        thread.setDaemon(true);
        return thread;
    });

    private DocumentSizeSampler(MongoDatabase database, List<String> collections, int limit, LongSupplier changesApplied,
                                Supplier<String> phase) {
        this.database = database;
        this.collections = List.copyOf(collections);
        this.limit = limit;
        this.changesApplied = changesApplied;
        this.phase = phase;
    }

    public static DocumentSizeSampler start(MongoDatabase database, List<String> collections, int limit,
                                            LongSupplier changesApplied, Supplier<String> phase, long intervalMillis) {
        DocumentSizeSampler sampler = new DocumentSizeSampler(database, collections, limit, changesApplied, phase);
        sampler.timer.scheduleWithFixedDelay(sampler::sample, 0, intervalMillis, TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void sample() {
        try {
            long changes = changesApplied.getAsLong();
            String phaseName = phase.get();
            DocumentSizes sizes = DocumentSizes.of(database, collections, limit);
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
            synchronized (samples) {
                samples.add(new Sample(elapsed, phaseName, changes, sizes));
            }
        } catch (RuntimeException e) {
            LOG.warn("Sampling document sizes failed: {}", e.toString());
        }
    }

    public List<Sample> samples() {
        synchronized (samples) {
            return List.copyOf(samples);
        }
    }

    /** Takes one last sample, then stops. */
    @Override
    public void close() {
        timer.shutdown();
        try {
            timer.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sample();
    }

    /**
     * @param elapsedMillis since the pipeline started
     * @param changes       streamed changes the pipeline had applied when the sample was taken
     */
    public record Sample(long elapsedMillis, String phase, long changes, DocumentSizes sizes) {
    }
}
