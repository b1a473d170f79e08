package dev.monobridge.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.mongodb.client.MongoClient;

import dev.monobridge.bench.connect.BenchConnectCluster;
import dev.monobridge.bench.measure.DocumentSizes;
import dev.monobridge.bench.pipeline.Agreement;
import dev.monobridge.bench.pipeline.PipelineKind;
import dev.monobridge.bench.report.Environment;
import dev.monobridge.bench.report.Report;
import dev.monobridge.bench.report.RunResult;
import dev.monobridge.bench.workload.PriceStorm;
import dev.monobridge.connector.demo.DemoPostgres;
import dev.monobridge.connector.logging.LoggerLevels;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code monobridge bench}: the same workloads through the ceiling (Debezium alone), Monobridge and the
 * naive read-modify-write design, one after another in one run, on an embedded PostgreSQL and the
 * in-process MongoDB-compatible server (or a real MongoDB). Writes a Markdown table, CSV files and PNG
 * charts to the output folder. Run the JVM with -Xmx512m: the heap target is judged against it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the bridge against Debezium alone (the ceiling) and against a naive read-modify-write projector.")
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--workloads", split = ",", defaultValue = "price-storm,growing-document,bulk-load,mixed",
            description = "Workloads to run, in order (default: ${DEFAULT-VALUE}).")
    private List<String> workloads;

    @Option(names = "--pipelines", split = ",", defaultValue = "ceiling,monobridge,naive,connect-1,connect-2",
            description = "Pipelines to run each workload through, in order; connect-N runs Debezium's source connector, Kafka and the"
                    + " Monobridge sink with N tasks per projection in Kafka Connect, in this JVM (default: ${DEFAULT-VALUE}).")
    private List<String> pipelines;

    @Option(names = "--storm-changes", defaultValue = "50000", description = "Price storm: changes per stream phase (default: ${DEFAULT-VALUE}).")
    private long stormChanges;

    @Option(names = "--growing-changes", defaultValue = "4000", description = "Growing document: changes per stream phase (default: ${DEFAULT-VALUE}).")
    private long growingChanges;

    @Option(names = "--mixed-changes", defaultValue = "20000", description = "Mixed workload: changes per stream phase (default: ${DEFAULT-VALUE}).")
    private long mixedChanges;

    @Option(names = "--bulk-rows", defaultValue = "500000", description = "Bulk load: rows in the initial snapshot (default: ${DEFAULT-VALUE}).")
    private long bulkRows;

    @Option(names = "--scale", defaultValue = "1.0", description = "Size of the price storm's and mixed workload's starting data (default: ${DEFAULT-VALUE}).")
    private double scale;

    @Option(names = "--rate", defaultValue = "5000", description = "Offered changes per second in the fixed-rate phase (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every workload (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--mongo-uri", description = "A real MongoDB to write to, instead of the in-process server.")
    private String mongoUri;

    @Option(names = "--mongo-jvm", defaultValue = "separate",
            description = "Where the in-process server runs: 'separate' (its own JVM, so its heap is not measured) or 'same' (default: ${DEFAULT-VALUE}).")
    private String mongoJvm;

    @Option(names = "--mongo-heap", defaultValue = "4g", description = "-Xmx of the separate MongoDB server JVM (default: ${DEFAULT-VALUE}).")
    private String mongoHeap;

    @Option(names = "--projections", defaultValue = "config/projections", description = "Projection definitions (default: ${DEFAULT-VALUE}).")
    private Path projectionsDirectory;

    @Option(names = "--poll-interval-ms", defaultValue = "50", description = "Debezium poll interval, as the bridge's default (default: ${DEFAULT-VALUE}).")
    private long pollIntervalMillis;

    @Option(names = "--max-batch-size", defaultValue = "2048", description = "Debezium batch size, as the bridge's default (default: ${DEFAULT-VALUE}).")
    private int maxBatchSize;

    @Option(names = "--sample-interval-ms", defaultValue = "250", description = "How often document sizes are sampled (default: ${DEFAULT-VALUE}).")
    private long sampleIntervalMillis;

    @Option(names = "--sample-limit", defaultValue = "100", description = "Documents read per collection in each sample (default: ${DEFAULT-VALUE}).")
    private int sampleLimit;

    @Option(names = "--phase-timeout-s", defaultValue = "1800", description = "Give up on a phase after this long (default: ${DEFAULT-VALUE}).")
    private long phaseTimeoutSeconds;

    @Option(names = "--warmup-changes", defaultValue = "3000",
            description = "Changes per phase of an unreported price-storm warm-up through each pipeline; 0 for none (default: ${DEFAULT-VALUE}).")
    private long warmupChanges;

    @Option(names = "--readers", defaultValue = "8",
            description = "Price storm, monobridge pipeline: readers polling documents with ETags in a third stream phase, "
                    + "saturation again with them; 0 for no read-load phase (default: ${DEFAULT-VALUE}).")
    private int readers;

    @Option(names = "--read-interval-ms", defaultValue = "0",
            description = "Milliseconds between the starts of one reader's requests, as a frontend polls; 0: each reader asks "
                    + "again as soon as it has its answer (default: ${DEFAULT-VALUE}).")
    private long readIntervalMillis;

    @Option(names = "--output", description = "Results folder (default: results/<timestamp>).")
    private Path output;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, with logging quietened and charts drawn without a display. */
    public static CommandLine commandLine() {
        System.setProperty("java.awt.headless", "true");
        LoggerLevels.set(org.slf4j.Logger.ROOT_LOGGER_NAME, "warn");
        // "queue is full" floods the log whenever a pipeline is slower than the capture, which is the point here.
        LoggerLevels.set("io.debezium.metrics", "error");
        return new CommandLine(new BenchCommand());
    }

    @Override
    public Integer call() throws Exception {
        BenchSettings settings = settings();
        PrintStream out = System.out;
        List<ProjectionDefinition> projections = new ProjectionDefinitionReader().readDirectory(projectionsDirectory);
        Files.createDirectories(settings.output());
        out.println("Monobridge benchmark: " + settings.workloads() + " through " + pipelines + ", results in " + settings.output());
        out.println("Starting an embedded PostgreSQL and the MongoDB server...");
        List<RunResult> results = new ArrayList<>();
        Map<String, Agreement> agreements = new LinkedHashMap<>();
        Environment environment;
        try (DemoPostgres postgres = DemoPostgres.startFresh();
             MongoTarget mongo = mongoTarget();
             MongoClient harness = mongo.client(null, "bench-harness");
             BenchConnectCluster connect = settings.pipelines().stream().anyMatch(PipelineKind::onConnect)
                     ? BenchConnectCluster.start(projectionsDirectory, settings.maxBatchSize()) : null) {
            environment = Environment.describe(postgresVersion(postgres), mongo.description());
            Benchmark benchmark = new Benchmark(settings, postgres, mongo, harness, projections, connect, out);
            if (settings.warmupChanges() > 0) {
                out.println("Warming up (not reported):");
                for (PipelineKind kind : settings.pipelines()) {
                    benchmark.run(new PriceStorm(0.2, settings.seed(), settings.start()), kind, settings.warmupChanges(), "warmup");
                    harness.getDatabase(Benchmark.mongoDatabase("warmup", kind)).drop();
                }
            }
            out.println("Measuring:");
            for (String workload : settings.workloads()) {
                for (PipelineKind kind : settings.pipelines()) {
                    results.add(runOne(benchmark, settings, workload, kind));
                }
                if (settings.pipelines().contains(PipelineKind.MONOBRIDGE) && settings.pipelines().contains(PipelineKind.NAIVE)) {
                    Agreement agreement = Agreement.between(
                            harness.getDatabase(Benchmark.mongoDatabase(workload, PipelineKind.MONOBRIDGE)),
                            harness.getDatabase(Benchmark.mongoDatabase(workload, PipelineKind.NAIVE)), projections);
                    agreements.put(workload, agreement);
                    out.println("  " + workload + ": naive against Monobridge: " + agreement);
                }
                for (PipelineKind kind : settings.pipelines()) {
                    harness.getDatabase(Benchmark.mongoDatabase(workload, kind)).drop();
                }
            }
        }
        Report report = new Report(settings.output(), environment, results, agreements, settings.rate());
        report.write();
        out.println();
        out.println(report.markdownTable());
        out.println(report.targetsTable());
        out.println("Written to " + settings.output().toAbsolutePath());
        return results.stream().anyMatch(r -> r.failure() != null) ? 3 : 0;
    }

    private static RunResult runOne(Benchmark benchmark, BenchSettings settings, String workload, PipelineKind kind) throws Exception {
        try {
            return benchmark.run(settings.workload(workload), kind, settings.changesPerPhase(workload), workload);
        } catch (OutOfMemoryError | RuntimeException e) {
            // One pipeline failing must not cost the others' results: record it and go on.
            System.gc();
            System.out.println("  " + workload + " " + kind.label() + " failed: " + e);
            return new RunResult(workload, kind, List.of(), -1, -1, DocumentSizes.NONE, List.of(), List.of(), "", e.toString(), null);
        }
    }

    private BenchSettings settings() {
        Path folder = output != null ? output
                : Path.of("results", LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        if (!mongoJvm.equals("separate") && !mongoJvm.equals("same")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--mongo-jvm must be 'separate' or 'same'");
        }
        return new BenchSettings(workloads, pipelines.stream().map(PipelineKind::of).toList(), stormChanges, growingChanges,
                mixedChanges, bulkRows, scale, rate, seed, Duration.ofMillis(pollIntervalMillis), maxBatchSize,
                sampleIntervalMillis, sampleLimit, Duration.ofSeconds(phaseTimeoutSeconds), warmupChanges, folder,
                OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES), readers,
                Duration.ofMillis(readIntervalMillis));
    }

    private MongoTarget mongoTarget() {
        if (mongoUri != null) {
            return MongoTarget.uri(mongoUri);
        }
        return mongoJvm.equals("same") ? MongoTarget.inThisJvm() : MongoTarget.inChildJvm(mongoHeap);
    }

    private static String postgresVersion(DemoPostgres postgres) throws SQLException {
        try (Connection connection = postgres.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("show server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1) + " (embedded)";
        }
    }
}
