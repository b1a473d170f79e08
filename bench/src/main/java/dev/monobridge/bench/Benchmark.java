package dev.monobridge.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.bench.connect.BenchConnectCluster;
import dev.monobridge.bench.connect.ConnectPipeline;
import dev.monobridge.bench.measure.CommandMeter;
import dev.monobridge.bench.measure.CpuTimes;
import dev.monobridge.bench.measure.DocumentSizeSampler;
import dev.monobridge.bench.measure.DocumentSizes;
import dev.monobridge.bench.measure.HeapMonitor;
import dev.monobridge.bench.measure.MeasuringSink;
import dev.monobridge.bench.measure.Percentiles;
import dev.monobridge.bench.measure.Phase;
import dev.monobridge.bench.measure.ReadLoad;
import dev.monobridge.bench.pipeline.Pipeline;
import dev.monobridge.bench.pipeline.PipelineKind;
import dev.monobridge.bench.report.Benchmarks;
import dev.monobridge.bench.report.PhaseResult;
import dev.monobridge.bench.report.RunResult;
import dev.monobridge.bench.workload.Pacer;
import dev.monobridge.bench.workload.SourceWriter;
import dev.monobridge.bench.workload.Workload;
import dev.monobridge.connector.capture.DebeziumCapture;
import dev.monobridge.connector.demo.DemoPostgres;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Runs one workload through one pipeline: a fresh source database with the demo schema and the
 * workload's starting rows, a fresh MongoDB database, Debezium's engine from an initial snapshot, then
 * (for streaming workloads) the workload's changes at the fixed offered rate and then as fast as the
 * source takes them. Each phase ends when the pipeline has acknowledged every change the workload made.
 */
final class Benchmark {

    /** A customer id no workload uses, for {@link #probe}. */
    private static final long PROBE_CUSTOMER = 999_999_999L;

    private final BenchSettings settings;
    private final DemoPostgres postgres;
    private final MongoTarget mongo;
    private final MongoClient harness;
    private final List<ProjectionDefinition> projections;
    private final List<String> tables;
    private final PrintStream out;
    private final long postmasterPid;
    /** Kafka Connect for the connect pipelines; null when none runs. */
    private final BenchConnectCluster connect;

    Benchmark(BenchSettings settings, DemoPostgres postgres, MongoTarget mongo, MongoClient harness,
              List<ProjectionDefinition> projections, BenchConnectCluster connect, PrintStream out) {
        this.settings = settings;
        this.connect = connect;
        this.postgres = postgres;
        this.mongo = mongo;
        this.harness = harness;
        this.projections = projections;
        List<String> captured = new ArrayList<>(new ProjectionPlan(projections).tables());
        captured.sort(null);
        this.tables = captured;
        this.out = out;
        this.postmasterPid = postmasterPid(postgres);
    }

    /** The PostgreSQL server process, the parent of every backend; -1 where /proc cannot tell. */
    private static long postmasterPid(DemoPostgres postgres) {
        try (Connection connection = postgres.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return CpuTimes.parentOf(rs.getLong(1));
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The MongoDB database a pipeline's documents go to for a workload. */
    static String mongoDatabase(String workload, PipelineKind pipeline) {
        return "bench_" + workload.replace('-', '_') + "_" + pipeline.label().replace('-', '_');
    }

    RunResult run(Workload workload, PipelineKind kind, long changesPerPhase, String label) throws SQLException, InterruptedException {
        String databaseName = mongoDatabase(label, kind);
        harness.getDatabase(databaseName).drop();
        List<PhaseResult> phases = new ArrayList<>();
        String failure = null;
        String readNote = null;
        try (SourceDatabase source = SourceDatabase.create(postgres, databaseName)) {
            DemoSchema.create(source.dataSource());
            long seeded;
            try (SourceWriter writer = new SourceWriter(source.connection())) {
                seeded = workload.seed(writer);
            }
            // What the previous run left behind must not count against this one.
            System.gc();
            Pipeline pipeline = open(kind, source, databaseName);
            if (pipeline instanceof ConnectPipeline connectPipeline && connectPipeline.refusal().isPresent()) {
                pipeline.close();
                out.printf("  %-16s %-10s refused: %s%n", label, kind.label(), connectPipeline.refusal().get());
                return RunResult.refused(workload.name(), kind, connectPipeline.refusal().get());
            }
            DocumentSizeSampler sampler = null;
            long heapPeakAfterGc;
            long heapPeakUsed;
            MeasuringSink sink = new MeasuringSink(pipeline.sink(), pipeline::totals);
            AtomicReference<String> phaseName = new AtomicReference<>(Benchmarks.SNAPSHOT);
            MongoDatabase documents = harness.getDatabase(databaseName);
            try (HeapMonitor heap = HeapMonitor.start()) {
                if (!pipeline.collections().isEmpty()) {
                    sampler = DocumentSizeSampler.start(documents, pipeline.collections(), settings.sampleLimit(),
                            () -> streamedSoFar(sink, pipeline, seeded), phaseName::get, settings.sampleIntervalMillis());
                }
                Feed capture = feed(pipeline, source, sink);
                try {
                    CpuTimes cpuBefore = CpuTimes.now(mongo.serverPid(), postmasterPid);
                    Phase snapshot = sink.begin(Benchmarks.SNAPSHOT, true);
                    snapshot.expect(seeded, pipeline.totals());
                    capture.start();
                    failure = await(snapshot, capture);
                    phases.add(result(snapshot, snapshot.startedAt(), Double.NaN, pipeline, CpuTimes.now(mongo.serverPid(), postmasterPid).minus(cpuBefore)));
                    out.printf("  %-16s %-10s snapshot   %s%n", label, kind.label(), line(phases.get(phases.size() - 1)));
                    if (failure == null && workload.streams()) {
                        try (SourceWriter writer = new SourceWriter(source.connection())) {
                            failure = probe(writer, sink, capture, pipeline);
                            for (String name : failure != null ? List.<String>of() : streamPhases(workload, kind, label)) {
                                phaseName.set(name);
                                CpuTimes phaseCpu = CpuTimes.now(mongo.serverPid(), postmasterPid);
                                ReadLoad reads = name.equals(Benchmarks.SATURATION_WITH_READS) && kind == PipelineKind.MONOBRIDGE
                                        ? ReadLoad.start(documents, projections, settings.readers(), settings.readInterval()) : null;
                                ReadLoad.Result read;
                                PhaseResult result;
                                try {
                                    Phase phase = sink.begin(name, false);
                                    Pacer pacer = name.equals(Benchmarks.RATE) ? Pacer.at(settings.rate()) : Pacer.unpaced();
                                    long started = System.nanoTime();
                                    long made = workload.run(writer, changesPerPhase, pacer);
                                    double offered = made / ((System.nanoTime() - started) / 1e9);
                                    phase.expect(made, pipeline.totals());
                                    failure = await(phase, capture);
                                    read = reads == null ? null : reads.stop();
                                    result = result(phase, null, offered, pipeline, CpuTimes.now(mongo.serverPid(), postmasterPid).minus(phaseCpu));
                                } finally {
                                    if (reads != null) {
                                        reads.close();
                                    }
                                }
                                phases.add(result);
                                out.printf("  %-16s %-10s %-10s %s%n", label, kind.label(), name, line(result));
                                if (read != null) {
                                    readNote = readLine(read, result, phases);
                                    out.printf("  %-16s %-10s %-10s %s%n", label, kind.label(), "reads", readNote);
                                }
                                if (failure != null) {
                                    break;
                                }
                            }
                        }
                    }
                } finally {
                    try {
                        capture.close();
                    } catch (RuntimeException e) {
                        // An engine that failed (out of heap, say) may refuse to close; the run's result says why it failed.
                        out.printf("  %-16s %-10s closing the capture failed: %s%n", label, kind.label(), e);
                    }
                    if (sampler != null) {
                        sampler.close();
                    }
                }
                heapPeakAfterGc = heap.peakAfterGcBytes();
                heapPeakUsed = heap.peakUsedBytes();
            } finally {
                pipeline.close();
            }
            DocumentSizes finalSizes = pipeline.collections().isEmpty() ? DocumentSizes.NONE
                    : DocumentSizes.of(documents, pipeline.collections(), Integer.MAX_VALUE);
            if (failure != null) {
                out.printf("  %-16s %-10s FAILED: %s%n", label, kind.label(), failure);
            }
            return new RunResult(workload.name(), kind, phases, heapPeakAfterGc, heapPeakUsed, finalSizes,
                    sampler == null ? List.of() : sampler.samples(), sink.progress(),
                    readNote == null ? pipeline.notes() : (pipeline.notes() + " Read load: " + readNote).strip(), failure, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rate, saturation, and for the price storm saturation again, with readers polling documents in the monobridge
     * pipeline: the writer's throughput with and without readers, in one run. Every embedded pipeline runs the third
     * phase, the others without readers, so that each has taken the same changes when the naive pipeline's documents
     * are compared with Monobridge's.
     */
    private List<String> streamPhases(Workload workload, PipelineKind kind, String label) {
        boolean reads = settings.readers() > 0 && !kind.onConnect() && workload.name().equals("price-storm")
                && !label.equals("warmup");
        return reads ? List.of(Benchmarks.RATE, Benchmarks.SATURATION, Benchmarks.SATURATION_WITH_READS)
                : List.of(Benchmarks.RATE, Benchmarks.SATURATION);
    }

    /** The readers' figures, and the writer's throughput beside its throughput without them. */
    private static String readLine(ReadLoad.Result read, PhaseResult withReads, List<PhaseResult> phases) {
        double without = phases.stream().filter(p -> p.name().equals(Benchmarks.SATURATION)).findFirst()
                .map(PhaseResult::changesPerSecond).orElse(Double.NaN);
        return String.format("%d readers%s, %,d requests in %.1f s: %,.0f/s, %.0f%% answered 304, %,d errors, latency p50 %.1f / "
                        + "p99 %.1f / max %.0f ms; writer %,.0f changes/s with the readers, %,.0f/s without (%.0f%%)",
                read.readers(), read.interval().isZero() ? " unpaced" : " each every " + read.interval().toMillis() + " ms",
                read.requests(), read.seconds(), read.requestsPerSecond(),
                read.requests() == 0 ? 0.0 : 100.0 * read.notModified() / read.requests(), read.errors(),
                read.latency().p50(), read.latency().p99(), read.latency().max(),
                withReads.changesPerSecond(), without, 100 * withReads.changesPerSecond() / without);
    }

    private Pipeline open(PipelineKind kind, SourceDatabase source, String databaseName) {
        if (kind.onConnect()) {
            if (connect == null) {
                throw new IllegalStateException("no Connect cluster for the " + kind.label() + " pipeline");
            }
            return connect.pipeline(databaseName, source.connection(settings.pollInterval(), settings.maxBatchSize()), mongo.uri(),
                    projections, kind.connectTasks());
        }
        CommandMeter meter = new CommandMeter();
        return kind.open(mongo.client(meter, "bench-" + kind.label()), meter, databaseName, projections);
    }

    /** The embedded engine calling the measuring sink, or the pipeline's connectors in Kafka Connect. */
    private Feed feed(Pipeline pipeline, SourceDatabase source, MeasuringSink sink) throws IOException {
        if (pipeline instanceof ConnectPipeline connectPipeline) {
            return connectPipeline.feed(sink);
        }
        Path offsets = Files.createTempDirectory("monobridge-bench").resolve("offsets.dat");
        return new EmbeddedFeed(new DebeziumCapture(source.source(tables, settings.pollInterval(), settings.maxBatchSize()),
                offsets, Duration.ofSeconds(1), sink));
    }

    /**
     * Commits one change and waits for it to come through, so that the first measured change does not
     * also pay for the engine switching from the snapshot to streaming.
     */
    private String probe(SourceWriter writer, MeasuringSink sink, Feed capture, Pipeline pipeline)
            throws SQLException, InterruptedException {
        Phase probe = sink.begin("probe", false);
        writer.add("insert into customer (id, name, email, created_at) values (?, ?, ?, now())", PROBE_CUSTOMER,
                "Stream probe", "probe@example.com");
        writer.commit();
        probe.expect(1, pipeline.totals());
        return await(probe, capture);
    }

    /**
     * Streamed changes applied so far, for the document-size samples: the naive pipeline spends seconds on
     * one batch as its documents grow, so it is followed change by change rather than batch by batch.
     */
    private static long streamedSoFar(MeasuringSink sink, Pipeline pipeline, long seeded) {
        long applied = pipeline.changesApplied();
        return applied < 0 ? sink.streamed() : Math.max(sink.streamed(), applied - seeded);
    }

    /** Waits for the phase; the reason it cannot complete, or null once it has. */
    private String await(Phase phase, Feed capture) throws InterruptedException {
        long deadline = System.nanoTime() + settings.phaseTimeout().toNanos();
        while (!phase.await(Duration.ofMillis(500))) {
            String failure = capture.failure();
            if (failure != null) {
                return failure;
            }
            if (System.nanoTime() > deadline) {
                return "timed out after " + settings.phaseTimeout().toSeconds() + " s with " + phase.count() + " of "
                        + phase.expected() + " changes acknowledged";
            }
        }
        return null;
    }

    private static PhaseResult result(Phase phase, Instant from, double offered, Pipeline pipeline, CpuTimes cpu) {
        Instant start = from != null ? from : phase.firstCommit();
        Instant end = phase.lastAck();
        double seconds = start == null || end == null ? Double.NaN : Duration.between(start, end).toNanos() / 1e9;
        Percentiles latency = phase.latency();
        return new PhaseResult(phase.name(), phase.count(), phase.expected(), seconds, offered, latency,
                phase.traffic(pipeline.totals()), cpu);
    }

    private static String line(PhaseResult phase) {
        String text = String.format("%,d changes in %.1f s: %,.0f/s", phase.changes(), phase.seconds(), phase.changesPerSecond());
        if (!Double.isNaN(phase.offeredPerSecond())) {
            text += String.format(" (offered %,.0f/s)", phase.offeredPerSecond());
        }
        if (!phase.latency().isEmpty()) {
            text += String.format(", latency p50 %.0f / p99 %.0f / max %.0f ms", phase.latency().p50(), phase.latency().p99(),
                    phase.latency().max());
        }
        if (phase.changes() > 0 && phase.traffic().commands() > 0) {
            text += String.format(", %,.0f B sent and %.2f round trips per change", phase.bytesSentPerChange(), phase.roundTripsPerChange());
        }
        if (phase.cpu().benchSeconds() >= 0) {
            text += String.format("; CPU s: bench %.1f, mongo %s, postgres %.1f, other %.1f", phase.cpu().benchSeconds(),
                    phase.cpu().mongoSeconds() < 0 ? "n/a" : String.format("%.1f", phase.cpu().mongoSeconds()), phase.cpu().postgresSeconds(),
                    phase.cpu().otherSeconds());
        }
        return text;
    }
}
