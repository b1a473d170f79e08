package dev.monobridge.connector.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.monobridge.capture.source.postgres.PostgresAdapter;
import dev.monobridge.capture.source.postgres.PostgresSource;
import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.bridge.BridgeOptions;
import dev.monobridge.connector.demo.DemoPostgres;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.connector.drift.DriftSettings;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.query.DemoTokens;

/**
 * The demo's pieces, wired as {@code monobridge demo} wires them: an embedded PostgreSQL with the
 * betting schema, the in-process MongoDB, the bridge over the shipped projections, and its HTTP server
 * with tokens made up for the run. The workload runs only when asked for. Closed in the demo's order.
 */
final class DemoBridge implements AutoCloseable {

    final DemoPostgres postgres;
    final InProcessMongo mongo;
    final Bridge bridge;
    final DemoTokens tokens;
    final HttpApi api;
    private final List<LoadGenerator> workloads = new ArrayList<>();

    DemoBridge(DemoSize size) throws Exception {
        this(size, DriftSettings.OFF);
    }

    /** With the drift sampler set so. */
    DemoBridge(DemoSize size, DriftSettings drift) throws Exception {
        postgres = DemoPostgres.startFresh();
        InProcessMongo startedMongo = null;
        Bridge startedBridge = null;
        try {
            DemoSchema.create(postgres.dataSource());
            DemoSchema.seed(postgres.dataSource(), size, 42);
            startedMongo = InProcessMongo.start();
            List<String> tables = new ArrayList<>(new ProjectionPlan(TestBridge.PROJECTIONS).tables());
            tables.sort(null);
            PostgresSource source = new PostgresSource(postgres.host(), postgres.port(), postgres.database(), postgres.user(),
                    postgres.password(), "monobridge", "monobridge", "filtered", "initial", tables, Duration.ofMillis(50), 2048, PostgresSource.DEFAULT_HEARTBEAT);
            Path work = Files.createTempDirectory("monobridge-http-it");
            startedBridge = Bridge.start(new BridgeOptions(new PostgresAdapter(source), startedMongo.connectionString(), "monobridge",
                    work.resolve("offsets.dat"), Duration.ofSeconds(1), TestBridge.PROJECTIONS, Duration.ofHours(1)).withDrift(drift));
            tokens = DemoTokens.generate(TestBridge.PROJECTIONS);
            api = HttpApi.start(HttpSettings.local(0, tokens.tokens()), BridgeView.of(startedBridge));
        } catch (Exception | Error e) {
            if (startedBridge != null) {
                startedBridge.close();
            }
            if (startedMongo != null) {
                startedMongo.close();
            }
            postgres.close();
            throw e;
        }
        mongo = startedMongo;
        bridge = startedBridge;
    }

    /** Starts the demo's workload; it stops when this closes. */
    LoadGenerator startWorkload(double changesPerSecond) {
        LoadGenerator workload = new LoadGenerator(postgres.dataSource(), changesPerSecond, 42);
        workloads.add(workload);
        workload.start();
        return workload;
    }

    void execute(String sql) throws SQLException {
        try (var connection = postgres.dataSource().getConnection(); var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        workloads.forEach(LoadGenerator::close);
        api.close();
        bridge.close();
        mongo.close();
        postgres.close();
    }
}
