package dev.monobridge.connector.http;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import dev.monobridge.connector.drift.DriftFigures;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoDocumentShape;
import dev.monobridge.projector.rebuild.RebuildProgress;

/**
 * The bridge's metrics, in Prometheus' text format at {@code GET /metrics}. Counters read the projector's
 * running totals; gauges read the sampler's latest figures, so that a scrape costs no query.
 *
 * <pre>
 * monobridge_changes_total                 source changes seen (rate() gives changes/s)
 * monobridge_changes_applied_total         ... that changed a remembered row
 * monobridge_changes_stale_total           ... ignored as already applied (replays, re-deliveries)
 * monobridge_batches_total, monobridge_batch_size_changes   batches, and changes per batch
 * monobridge_document_writes_total         document writes sent to MongoDB
 * monobridge_lag_seconds                   source commit to MongoDB acknowledgement, last batch
 * monobridge_list_entries_trimmed_total    list entries pruned to keep documents within their byte budget
 * monobridge_delete_markers_expired_total  delete markers (tombstones) expired after their grace time
 * monobridge_dead_letters                  dead letters in MongoDB now; _written_total: recorded since start
 * monobridge_source_lag_bytes              log the source keeps for capture (-1: not known yet)
 * monobridge_capture_running               1 while the capture runs
 * monobridge_documents{projection}         documents per projection
 * monobridge_document_size_bytes{projection}          sizes of sampled documents (histogram)
 * monobridge_document_size_max_bytes{projection}      largest in the latest sample
 * monobridge_document_budget_bytes{projection}        the definition's max-bytes
 * monobridge_rebuild_progress_ratio{projection}       0..1 of the latest rebuild; 1 when done
 * monobridge_rebuild_running{projection}              1 while a rebuild runs
 * monobridge_definitions_pending                      projections waiting for a rebuild to a newer version
 * monobridge_drift_checked_total{projection}          documents the drift sampler compared with the source
 * monobridge_drift_documents_total{projection}        ... found to differ from it (confirmed by a second look)
 * monobridge_drift_repaired_total{projection}         ... handed to the single-document repair (drift.repair)
 * monobridge_drift_moved_total{projection}            checks left undecided: the bridge wrote the document meanwhile
 * monobridge_drift_failed_total{projection}           checks that could not run (source or MongoDB failed, timeout)
 * monobridge_shape_problems_total{projection,kind}    sampled documents with a shape problem, by kind
 * </pre>
 * plus the JVM's memory, GC, threads, CPU and uptime.
 */
final class BridgeMetrics implements BridgeSampler.Listener, AutoCloseable {

    /** Powers of two from 512 B to 16 MiB, MongoDB's limit. */
    private static final double[] SIZE_BUCKETS = IntStream.rangeClosed(9, 24).mapToDouble(bits -> 1L << bits).toArray();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final DistributionSummary batchSize;
    private final Map<String, DistributionSummary> documentSizes = new ConcurrentHashMap<>();
    private final Map<String, DocumentSizes> latestSizes = new ConcurrentHashMap<>();

    BridgeMetrics(BridgeView bridge, BridgeSampler sampler) {
        ProjectorStats stats = bridge.stats();
        counter("monobridge.changes", "Source changes seen by the projector", stats, ProjectorStats::changes);
        counter("monobridge.changes.applied", "Changes that changed a remembered row", stats, ProjectorStats::applied);
        counter("monobridge.changes.stale", "Changes ignored as older than what a row reflects", stats, ProjectorStats::stale);
        counter("monobridge.batches", "Batches of changes projected", stats, ProjectorStats::batches);
        counter("monobridge.document.writes", "Document writes sent to MongoDB", stats, ProjectorStats::documentWrites);
        counter("monobridge.list.entries.trimmed", "List entries pruned to keep documents within their byte budget",
                stats, ProjectorStats::trimmedEntries);
        counter("monobridge.delete.markers.expired", "Delete markers (tombstones) expired after their grace time",
                stats, ProjectorStats::expiredMarkers);
        counter("monobridge.row.states.loaded", "Row states read from MongoDB into the heap, start-up included",
                stats, ProjectorStats::rowStatesLoaded);
        counter("monobridge.row.state.queries", "Queries to the row states in MongoDB: the round trips batches cost",
                stats, ProjectorStats::stateQueries);
        counter("monobridge.dead.letters.written", "Dead letters recorded since start", stats, ProjectorStats::deadLetters);
        TimeGauge.builder("monobridge.lag", stats, TimeUnit.MILLISECONDS, s -> s.lastLag().toMillis())
                .description("Source commit to MongoDB acknowledgement, for the last batch").strongReference(true)
                .register(registry);
        batchSize = DistributionSummary.builder("monobridge.batch.size").baseUnit("changes")
                .description("Changes per batch, averaged over each two-second sample")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000).register(registry);
        gauge("monobridge.dead.letters", "Dead letters in MongoDB", sampler, s -> s.latest().deadLetters());
        gauge("monobridge.source.lag.bytes", "Bytes of log the source keeps for capture (PostgreSQL: WAL the slot holds; MariaDB: binlog beyond what was applied); -1 while not known",
                sampler, s -> s.latest().sourceLagBytes());
        gauge("monobridge.capture.running", "1 while the capture runs", sampler, s -> s.latest().captureStopped() == null ? 1 : 0);
        gauge("monobridge.definitions.pending", "Projections waiting for a rebuild to a newer definition", bridge,
                b -> b.pendingDefinitions().size());
        for (ProjectionDefinition projection : bridge.projections()) {
            String name = projection.name();
            Gauge.builder("monobridge.documents", sampler, s -> documents(s, name)).tag("projection", name)
                    .description("Documents in the projection").strongReference(true).register(registry);
            Gauge.builder("monobridge.document.budget.bytes", projection, ProjectionDefinition::maxBytes).tag("projection", name)
                    .description("The projection's byte budget per document (max-bytes)").strongReference(true).register(registry);
            Gauge.builder("monobridge.document.size.max.bytes", latestSizes, sizes -> sizes.containsKey(name) ? sizes.get(name).max() : 0)
                    .tag("projection", name).description("Largest document in the latest sample").strongReference(true)
                    .register(registry);
            Gauge.builder("monobridge.rebuild.progress.ratio", bridge, b -> rebuildProgress(b, name)).tag("projection", name)
                    .description("Progress of the projection's latest rebuild, 0 to 1").strongReference(true).register(registry);
            Gauge.builder("monobridge.rebuild.running", bridge, b -> rebuildRunning(b, name)).tag("projection", name)
                    .description("1 while the projection is rebuilt").strongReference(true).register(registry);
            documentSizes.put(name, DistributionSummary.builder("monobridge.document.size").baseUnit("bytes").tag("projection", name)
                    .description("BSON sizes of sampled documents").serviceLevelObjectives(SIZE_BUCKETS).register(registry));
        }
        driftMeters(bridge);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The drift sampler's totals, read from the bridge's figures at each scrape (no query). */
    private void driftMeters(BridgeView bridge) {
        for (ProjectionDefinition projection : bridge.projections()) {
            String name = projection.name();
            driftCounter("monobridge.drift.checked", "Documents the drift sampler compared with the source", bridge, name,
                    DriftFigures.Projection::checked);
            driftCounter("monobridge.drift.documents", "Documents found to differ from the source, confirmed by a second look",
                    bridge, name, DriftFigures.Projection::drifted);
            driftCounter("monobridge.drift.repaired", "Drifted documents handed to the single-document repair", bridge, name,
                    DriftFigures.Projection::repaired);
            driftCounter("monobridge.drift.moved", "Drift checks left undecided because the bridge wrote the document meanwhile",
                    bridge, name, DriftFigures.Projection::moved);
            driftCounter("monobridge.drift.failed", "Drift checks that could not run", bridge, name, DriftFigures.Projection::failed);
            for (MongoDocumentShape.Kind kind : MongoDocumentShape.Kind.values()) {
                FunctionCounter.builder("monobridge.shape.problems", bridge, b -> driftFigure(b, name, p -> p.shape(kind)))
                        .tag("projection", name).tag("kind", kind.label())
                        .description("Sampled documents with a shape problem, by kind").register(registry);
            }
        }
    }

    private void driftCounter(String meter, String description, BridgeView bridge, String projection,
                              ToDoubleFunction<DriftFigures.Projection> value) {
        FunctionCounter.builder(meter, bridge, b -> driftFigure(b, projection, value)).tag("projection", projection)
                .description(description).register(registry);
    }

    private static double driftFigure(BridgeView bridge, String projection, ToDoubleFunction<DriftFigures.Projection> value) {
        DriftFigures.Projection figures = bridge.drift().projections().get(projection);
        return figures == null ? 0 : value.applyAsDouble(figures);
    }

    /** The metrics in Prometheus' text format. */
    String scrape() {
        return registry.scrape();
    }

    @Override
    public void sampled(Sample previous, Sample sample) {
        if (sample.batches() > previous.batches() && sample.meanBatchSize() > 0) {
            batchSize.record(sample.meanBatchSize());
        }
    }

    @Override
    public void sized(String projection, DocumentSizes sizes) {
        latestSizes.put(projection, sizes);
        DistributionSummary summary = documentSizes.get(projection);
        if (summary != null) {
            sizes.sizes().forEach(summary::record);
        }
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private static double documents(BridgeSampler sampler, String projection) {
        Sample.Projection figures = sampler.latest().projections().get(projection);
        return figures == null ? 0 : figures.documents();
    }

    private static double rebuildProgress(BridgeView bridge, String projection) {
        return latestRebuild(bridge, projection).map(r -> r.phase() == RebuildProgress.Phase.DONE ? 1.0 : r.percent() / 100.0)
                .orElse(0.0);
    }

    private static double rebuildRunning(BridgeView bridge, String projection) {
        return latestRebuild(bridge, projection).map(r -> r.phase().isFinished() ? 0.0 : 1.0).orElse(0.0);
    }

    private static Optional<RebuildProgress.Snapshot> latestRebuild(BridgeView bridge, String projection) {
        List<RebuildProgress.Snapshot> rebuilds = bridge.rebuilds();
        return rebuilds.stream().filter(r -> r.projection().equals(projection)).findFirst();
    }

    private <T> void counter(String name, String description, T state, ToDoubleFunction<T> value) {
        FunctionCounter.builder(name, state, value).description(description).register(registry);
    }

    private <T> void gauge(String name, String description, T state, ToDoubleFunction<T> value) {
        Gauge.builder(name, state, value).description(description).strongReference(true).register(registry);
    }
}
