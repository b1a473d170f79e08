package dev.monobridge.connector.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.bson.BsonDocument;
import org.bson.json.JsonWriterSettings;

import com.mongodb.client.MongoClient;

import javax.sql.DataSource;

import dev.monobridge.capture.source.SourceAdapter;
import dev.monobridge.capture.source.mariadb.MariaDbAdapter;
import dev.monobridge.capture.source.mariadb.MariaDbSource;
import dev.monobridge.capture.source.postgres.PostgresAdapter;
import dev.monobridge.capture.source.postgres.PostgresSource;
import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.bridge.BridgeOptions;
import dev.monobridge.connector.config.MongoUris;
import dev.monobridge.connector.demo.DemoMariaDb;
import dev.monobridge.connector.demo.DemoPostgres;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.connector.drift.DriftSettings;
import dev.monobridge.connector.http.BridgeView;
import dev.monobridge.connector.http.HttpApi;
import dev.monobridge.connector.http.HttpSettings;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import dev.monobridge.query.DemoTokens;

/**
 * The whole bridge on embedded defaults: a real PostgreSQL (embedded binaries), or with
 * {@code --source mariadb} Debian's MariaDB, holding a betting monolith's schema under a live workload,
 * the bridge, and an in-process MongoDB-compatible server (or a real MongoDB with {@code --mongo-uri}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the bridge on an embedded PostgreSQL (or MariaDB) with a live betting workload, into an in-process MongoDB.")
final class DemoCommand extends ConnectingCommand {

    /** The drift sampler, more often than bridge.yaml's default, so that its figures move while one watches. */
    private static final DriftSettings DEMO_DRIFT = new DriftSettings(Duration.ofSeconds(10), DriftSettings.DEFAULT_DOCUMENTS_PER_INTERVAL,
            DriftSettings.DEFAULT_STATEMENT_TIMEOUT, false, DriftSettings.DEFAULT_RECORDS_KEPT);
    private static final String DATABASE = "monobridge";
    /** The replica id the demo's capture joins MariaDB's binlog with; the demo server's own is 1. */
    private static final long DEMO_SERVER_ID = 5401;
    /** The highest TCP port. */
    private static final int MAX_PORT = 65535;

    /** The demo's sources: the embedded PostgreSQL, or a MariaDB started from Debian's packages. */
    enum Source { postgres, mariadb }

    @Option(names = "--source", defaultValue = "postgres",
            description = "The source database: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); mariadb needs Debian's mariadb-server-core.")
    private Source sourceType;

    @Option(names = "--mongo-uri", description = "A real MongoDB to write to, instead of the in-process server.")
    private String mongoUri;

    @Option(names = "--rate", defaultValue = "200", description = "Source changes per second the workload makes (default: ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--duration", description = "Stop after this many seconds (default: run until Ctrl-C).")
    private Integer durationSeconds;

    @Option(names = "--projections", defaultValue = "config/projections", description = "Projection definitions (default: ${DEFAULT-VALUE}).")
    private Path projectionsDirectory;

    @Option(names = "--http-port", defaultValue = "8080",
            description = "Port of the query API, admin API, metrics and dashboard, on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    private int httpPort;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed of the data and the workload (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Spec
    private CommandSpec spec;


    @Override
    public Integer call() throws Exception {
        checkOptions();
        List<ProjectionDefinition> projections = new ProjectionDefinitionReader().readDirectory(projectionsDirectory);
        if (mongoUri != null) {
            // Before PostgreSQL starts and the schema is seeded: a wrong URI should cost seconds, not a minute.
            connectingTo(new ConnectionTargets(Optional.empty(), Optional.of(ConnectionTargets.Mongo.of(mongoUri, DATABASE, "--mongo-uri"))));
            try (MongoClient client = OneShotMongo.connect(mongoUri)) {
                OneShotMongo.ping(client.getDatabase(DATABASE));
            }
        }
        Path work = Files.createTempDirectory("monobridge-demo");
        Path offsets = work.resolve("offsets.dat");
        System.out.println(sourceType == Source.mariadb ? "Starting MariaDB with a row binlog..."
                : "Starting an embedded PostgreSQL with logical decoding...");
        try (ShutdownSignal shutdown = new ShutdownSignal();
             DemoServer server = start(sourceType, projections, offsets);
             InProcessMongo inProcessMongo = mongoUri == null ? InProcessMongo.start() : null) {
            DemoSchema.create(server.dataSource());
            DemoSchema.seed(server.dataSource(), DemoSize.small(), seed);
            String uri = mongoUri != null ? mongoUri : inProcessMongo.connectionString();
            BridgeOptions options = new BridgeOptions(server.adapter(), uri, DATABASE,
                    offsets, Duration.ofSeconds(1), projections, Duration.ofHours(1)).withDrift(DEMO_DRIFT);
            DemoTokens tokens = DemoTokens.generate(projections);
            try (Bridge bridge = Bridge.start(options);
                 HttpApi api = HttpApi.start(HttpSettings.local(httpPort, tokens.tokens()), BridgeView.of(bridge));
                 LoadGenerator workload = new LoadGenerator(server.dataSource(), rate, seed)) {
                explain(server.description(), uri, projections, tokens, api);
                workload.start();
                run(bridge, shutdown);
                System.out.printf("Stopping. The workload made %,d source changes in %,d transactions.%n",
                        workload.changes(), workload.transactions());
                if (bridge.capture().failure() != null) {
                    System.err.println("monobridge: capture stopped: " + bridge.capture().failure());
                    return ErrorHandler.FAILURE;
                }
            }
        }
        return 0;
    }

    /** Every option, before anything starts: a bad one is exit 2 with what it must be. */
    private void checkOptions() {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new ParameterException(spec.commandLine(), "--rate must be a positive number of changes per second, not " + rate);
        }
        if (durationSeconds != null && durationSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--duration must be a positive number of seconds, not " + durationSeconds
                    + " (leave it out to run until Ctrl-C)");
        }
        if (httpPort < 0 || httpPort > MAX_PORT) {
            throw new ParameterException(spec.commandLine(), "--http-port must be a port from 1 to " + MAX_PORT
                    + ", or 0 for any free one, not " + httpPort);
        }
        if (mongoUri != null) {
            MongoUris.unreadable(mongoUri).ifPresent(problem -> {
                throw new ParameterException(spec.commandLine(), "--mongo-uri " + problem);
            });
        }
    }

    private void run(Bridge bridge, ShutdownSignal shutdown) throws InterruptedException {
        ProgressLine progress = new ProgressLine();
        long started = System.nanoTime();
        int ticks = 0;
        while (!bridge.capture().isStopped() && !shutdown.await(Duration.ofSeconds(2))) {
            progress.print(System.out, bridge);
            if (++ticks % 15 == 1) {
                showSample(bridge);
            }
            if (durationSeconds != null && System.nanoTime() - started > Duration.ofSeconds(durationSeconds).toNanos()) {
                return;
            }
        }
    }

    private static void showSample(Bridge bridge) {
        // The racing homepage shows the nesting best: meeting, races, top runners.
        ProjectionDefinition first = bridge.projections().stream().filter(p -> p.name().equals("racing-homepage"))
                .findFirst().orElse(bridge.projections().get(0));
        BsonDocument sample = bridge.database().getCollection(first.collection(), BsonDocument.class).find().first();
        if (sample != null) {
            String json = sample.toJson(JsonWriterSettings.builder().indent(true).build());
            String[] lines = json.split("\n");
            System.out.println("A " + first.name() + " document (first 30 lines):");
            for (int i = 0; i < Math.min(30, lines.length); i++) {
                System.out.println("  " + lines[i]);
            }
        }
    }

    /** The demo's running source server, its pool, the adapter the bridge captures it with, and a line about it. */
    private record DemoServer(AutoCloseable server, DataSource dataSource, SourceAdapter adapter, String description)
            implements AutoCloseable {

        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    private static DemoServer start(Source type, List<ProjectionDefinition> projections, Path offsets) {
        List<String> tables = BridgeOptionsFactory.capturedTables(projections);
        if (type == Source.mariadb) {
            DemoMariaDb mariadb = DemoMariaDb.startFresh();
            // Its database is named public, so the demo's definitions (public.meeting...) serve it as they are.
            SourceAdapter adapter = new MariaDbAdapter(new MariaDbSource(mariadb.host(), mariadb.port(), mariadb.database(), mariadb.user(),
                    mariadb.password(), DEMO_SERVER_ID, "initial", tables, Duration.ofMillis(50), 2048, MariaDbSource.schemaHistoryBeside(offsets),
                    MariaDbSource.DEFAULT_HEARTBEAT));
            return new DemoServer(mariadb, mariadb.dataSource(), adapter, "MariaDB at " + mariadb.jdbcUrl() + " (user " + mariadb.user() + ")");
        }
        DemoPostgres postgres = DemoPostgres.startFresh();
        SourceAdapter adapter = new PostgresAdapter(new PostgresSource(postgres.host(), postgres.port(), postgres.database(), postgres.user(),
                postgres.password(), "monobridge", "monobridge", "filtered", "initial", tables, Duration.ofMillis(50), 2048, PostgresSource.DEFAULT_HEARTBEAT));
        return new DemoServer(postgres, postgres.dataSource(), adapter, "PostgreSQL at " + postgres.jdbcUrl() + " (user postgres)");
    }

    private void explain(String source, String uri, List<ProjectionDefinition> projections, DemoTokens tokens, HttpApi api) {
        System.out.println();
        System.out.println("Monobridge demo is running. Ctrl-C stops it.");
        System.out.println("  source:  " + source + ", workload " + rate + " changes/s");
        System.out.println("  target:  " + (mongoUri == null ? "in-process MongoDB at " + uri : "MongoDB (given URI)") + ", database monobridge");
        for (ProjectionDefinition projection : projections) {
            System.out.println("  projection " + projection.name() + " (team " + projection.team() + ") -> collection "
                    + projection.collection());
        }
        if (mongoUri == null) {
            System.out.println("  look at the documents: mongosh '" + uri + "/monobridge' --eval 'db.racing_homepage.findOne()'");
        }
        tokens.print(System.out, api.address().orElseThrow(), projections);
        System.out.println();
    }
}
