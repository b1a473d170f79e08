package dev.monobridge.connector.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.awaitility.core.ConditionTimeoutException;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.monobridge.connector.demo.DemoPostgres;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.connector.demo.SqlDialect;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoProjectionStore;

/**
 * Kills the bridge with SIGKILL at random moments under a live workload, restarts it each time, and
 * checks that once it has caught up every document equals the SQL oracle: convergence after crashes
 * (P1), harmless replays (P4), and nothing lost (P7).
 *
 * <p>Only the bridge runs in a child JVM ({@link BridgeProcess}: {@code monobridge run} with a
 * {@code bridge.yaml} written here). The source database (PostgreSQL; MariaDB in {@code MariaDbCrashRecoveryIT}) and the in-process MongoDB run in this JVM and outlive
 * every kill, as a real database and a real MongoDB outlive a crashed bridge. The first kill aims at
 * the initial snapshot, as Debezium starts exporting one of its tables; the others fall 2 to 6 s after
 * a restarted bridge's engine starts reading: in a snapshot taken again, the replay, or the stream.
 *
 * <p>For each crash the test prints the counters of the killed bridge's last progress line, and the
 * changes re-delivered after the restart: the restarted bridge's stale count, the changes it ignored
 * as already applied. A bridge that had not saved the end of its snapshot takes the snapshot again;
 * those rows are read at a newer position, so they are applied again rather than counted as stale, and
 * are reported apart.
 *
 * <p>The kill schedule and the workload come from one seed, printed first; {@code -Dcrash.seed=N}
 * reuses them. Timing still differs between runs, so a kill never falls on exactly the same change.
 *
 * <p>A second test aims its kills at the pipeline (docs/pipeline.md): each falls while the bridge holds
 * batches at every stage, captured and waiting to be projected, being projected, projected and waiting to
 * be written, and being written, as its progress line says.
 */
class CrashRecoveryIT {

    private static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of("../config/projections"));
    /** The tables the projections read, which Debezium's snapshot exports one after the other. */
    private static final int SNAPSHOT_TABLES = new ProjectionPlan(PROJECTIONS).tables().size();
    private static final String NAME = "crash_recovery";
    private static final int KILLS = 5;
    private static final double CHANGES_PER_SECOND = 500;
    private static final Duration START_UP = Duration.ofSeconds(60);
    private static final Duration CATCH_UP = Duration.ofMinutes(2);
    /** Kills while the pipeline is full: each costs a restart, and three show it is no accident. */
    private static final int PIPELINE_KILLS = 3;
    /**
     * The square root of the new customers in one burst transaction: 10,000 inserts, about five of Debezium's
     * 2,048-change batches, which the in-process MongoDB takes seconds to store. Each is a document of its own,
     * so a batch lost in flight is a document missing, which no later change repairs.
     */
    private static final int BURST_SIDE = 100;
    /** A progress line every second shows the pipeline full within this of a burst's commit, or the test fails. */
    private static final Duration PIPELINE_FULL = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private final long started = System.nanoTime();
    private SourceServer source;
    private InProcessMongo mongo;
    private MongoClient client;
    private LoadGenerator workload;
    private BridgeProcess bridge;

    /** One crash: which bridge, when, where Debezium was, and what the bridge had counted. */
    private record Crash(int number, String bridge, long pid, String at, String phase, Optional<ProgressCounters> before) {

        @Override
        public String toString() {
            return String.format("kill %d at %s: %s (pid %d) killed while %s; its last progress line: %s", number, at, bridge,
                    pid, phase, before.map(ProgressCounters::toString).orElse("none printed"));
        }
    }

    /**
     * The source server this test runs against, with its pool and the source section of the bridges'
     * {@code bridge.yaml}; subclasses give other databases.
     */
    record SourceServer(AutoCloseable server, DataSource dataSource, String password, List<String> sourceYaml) {
    }

    /** An embedded PostgreSQL. */
    SourceServer startSource() {
        DemoPostgres postgres = DemoPostgres.startFresh();
        return new SourceServer(postgres, postgres.dataSource(), postgres.password(), List.of(
                "  host: " + postgres.host(),
                "  port: " + postgres.port(),
                "  database: " + postgres.database(),
                "  user: " + postgres.user(),
                "  slot: " + NAME,
                "  publication: " + NAME));
    }

    @BeforeEach
    void startServers() {
        source = startSource();
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.connectionString());
    }

    @AfterEach
    void stopEverything() {
        // The bridge first: a failed test may leave it running. The servers it talks to go last.
        try {
            if (bridge != null) {
                bridge.close();
            }
        } finally {
            if (workload != null) {
                workload.close();
            }
            client.close();
            mongo.close();
            try {
                source.server().close();
            } catch (Exception e) {
                throw new IllegalStateException("could not stop the source server", e);
            }
        }
    }

    @Test
    void killingTheBridgeAtRandomMomentsLosesNothing() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path logs = Path.of("target", "crash-recovery", "seed-" + seed).toAbsolutePath();
        say("seed %d (reuse it with -Dcrash.seed=%d); the bridges' output is in %s", seed, seed, logs);
        DemoSchema.create(source.dataSource());
        DemoSchema.seed(source.dataSource(), DemoSize.small(), seed);
        Path config = writeConfig();
        workload = new LoadGenerator(source.dataSource(), CHANGES_PER_SECOND, seed);
        workload.start();

        List<Crash> crashes = new ArrayList<>();
        List<ProgressCounters> restarts = new ArrayList<>();
        boolean converged;
        try {
            bridge = BridgeProcess.start("bridge-1", config, environment(), logs);
            for (int number = 1; number <= KILLS; number++) {
                if (number == 1) {
                    // Into the snapshot, while the workload changes the rows under it: as the export of
                    // one table starts, the rows of the tables before it are being projected.
                    bridge.awaitSnapshotExport(1 + random.nextInt(SNAPSHOT_TABLES), SNAPSHOT_TABLES, START_UP);
                    bridge.runFor(Duration.ofMillis(random.nextInt(300)));
                } else {
                    bridge.awaitReading(START_UP);
                    bridge.runFor(Duration.ofMillis(2000 + random.nextInt(4001)));
                }
                Crash crash = kill(number);
                if (number > 1) {
                    restarts.add(restarted(crashes.get(number - 2), crash.before()));
                }
                say("%s", crash);
                crashes.add(crash);
                bridge = BridgeProcess.start("bridge-" + (number + 1), config, environment(), logs);
            }

            bridge.awaitReading(START_UP);
            converged = lastBridgeConvergesAndStops(crashes, restarts);
        } catch (Throwable failure) {
            say("failed; %s", bridge == null ? "no bridge started" : bridge.tail(30));
            throw failure;
        }
        assertConverged(logs, crashes, restarts, converged);
    }

    /**
     * The last bridge streams under the workload for a moment, then catches up on a quiet source; whether it
     * converged to the oracle. It must then stop cleanly, and its last progress line counts as the last restart.
     */
    private boolean lastBridgeConvergesAndStops(List<Crash> crashes, List<ProgressCounters> restarts) throws Exception {
        bridge.runFor(Duration.ofSeconds(2));
        workload.close();
        say("workload stopped: %,d changes in %,d transactions (%,d failed steps)",
                workload.changes(), workload.transactions(), workload.errors());
        boolean converged = awaitOracle();

        int exit = bridge.stop(Duration.ofSeconds(60));
        assertThat(exit).as("%s's exit value after SIGTERM\n%s", bridge.name(), bridge.tail(20))
                .isIn(0, BridgeProcess.STOPPED_BY_SIGTERM);
        ProgressCounters last = bridge.stopped()
                .orElseThrow(() -> new AssertionError(bridge.name() + " printed no 'stopped:' line\n" + bridge.tail(20)));
        restarts.add(restarted(crashes.get(crashes.size() - 1), Optional.of(last)));
        return converged;
    }

    /**
     * Each kill falls while the pipeline holds batches at every stage: at least two batches the capture has
     * handed over and the writer has not taken (one being projected or waiting for room, one more waiting
     * behind it) and at least two the writer holds (one being written, one projected and waiting), as the
     * bridge's last progress line says, read within 20 ms of its printing. A burst of new customers, one
     * transaction of 10,000 inserts, fills the pipeline; the live workload runs meanwhile. Before each burst
     * the bridge has stored every customer's document (the bursts before it, taken again after a kill), so
     * that the kill falls on the new burst's streamed batches.
     */
    @Test
    void killingTheBridgeWhileThePipelineHoldsBatchesAtEveryStageLosesNothing() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Path logs = Path.of("target", "crash-recovery", "pipeline-seed-" + seed).toAbsolutePath();
        say("seed %d (reuse it with -Dcrash.seed=%d); the bridges' output is in %s", seed, seed, logs);
        DemoSchema.create(source.dataSource());
        DemoSchema.seed(source.dataSource(), DemoSize.small(), seed);
        Path config = writeConfig();
        workload = new LoadGenerator(source.dataSource(), CHANGES_PER_SECOND, seed);
        workload.start();

        List<Crash> crashes = new ArrayList<>();
        List<ProgressCounters> restarts = new ArrayList<>();
        boolean converged;
        try {
            bridge = BridgeProcess.start("bridge-1", config, environment(), logs);
            for (int number = 1; number <= PIPELINE_KILLS; number++) {
                bridge.awaitStreaming(START_UP);
                awaitEveryCustomersDocument();
                // Past the offsets' flush interval: what it stored so far is also saved.
                bridge.runFor(Duration.ofMillis(1500));
                int customers = burstOfCustomers();
                ProgressCounters.InFlight full = bridge.awaitInFlight(2, 2, PIPELINE_FULL);
                Crash crash = kill(number);
                if (number > 1) {
                    restarts.add(restarted(crashes.get(number - 2), crash.before()));
                }
                say("%s; it held %s after a burst of %,d new customers", crash, full, customers);
                crashes.add(crash);
                bridge = BridgeProcess.start("bridge-" + (number + 1), config, environment(), logs);
            }

            bridge.awaitStreaming(START_UP);
            converged = lastBridgeConvergesAndStops(crashes, restarts);
        } catch (Throwable failure) {
            say("failed; %s", bridge == null ? "no bridge started" : bridge.tail(30));
            throw failure;
        }
        assertConverged(logs, crashes, restarts, converged);
    }

    /**
     * Waits until every customer of the source has its document: the bursts before have been stored, also
     * those the restarted bridge took again after a kill. The workload never adds or removes customers.
     */
    private void awaitEveryCustomersDocument() {
        String collection = PROJECTIONS.stream().filter(p -> p.name().equals("customer-bets")).findFirst().orElseThrow().collection();
        await(bridge.name() + " has every customer's document").atMost(CATCH_UP).pollInterval(Duration.ofMillis(200))
                .until(() -> bridge.requireAlive()
                        && database().getCollection(collection).countDocuments() == customersInTheSource());
    }

    private long customersInTheSource() throws SQLException {
        try (Connection connection = source.dataSource().getConnection(); Statement statement = connection.createStatement();
             java.sql.ResultSet count = statement.executeQuery("select count(*) from customer")) {
            count.next();
            return count.getLong(1);
        }
    }

    /**
     * One transaction of {@code BURST_SIDE²} new customers, numbered by the customer table's sequence as the
     * workload's own are, so that the two never collide; inserts take no lock a workload's update waits for.
     * Returns how many it inserted.
     */
    private int burstOfCustomers() throws SQLException {
        try (Connection connection = source.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            boolean postgres = SqlDialect.of(connection) == SqlDialect.POSTGRES;
            // A recursive CTE counts on both databases (to 100: far below MariaDB's recursion limit), squared
            // by a cross join; MariaDB's sequences are read with nextval(name).
            return statement.executeUpdate("insert into customer (id, name, email, created_at)"
                    + " with recursive n (i) as (select 1 union all select i + 1 from n where i < " + BURST_SIDE + ")"
                    + " select " + (postgres ? "nextval('customer_id_seq')" : "nextval(customer_id_seq)")
                    + ", concat('Burst customer ', a.i, '-', b.i), concat('burst', a.i, '-', b.i, '@example.com'), now()"
                    + " from n a, n b");
        }
    }

    /** After the last restart: every document equals the oracle, and nothing became a dead letter. */
    private void assertConverged(Path logs, List<Crash> crashes, List<ProgressCounters> restarts, boolean converged)
            throws IOException {
        // Nothing moves now: neither the documents nor the projection time they were rendered at.
        List<String> differences = differences();
        Files.write(logs.resolve("differences.txt"), differences, StandardCharsets.UTF_8);
        if (!differences.isEmpty()) {
            // What the projector remembered of each row, with the source position of its last change: a
            // row the source no longer holds tells by its position which change or snapshot it came from.
            List<String> states = new ArrayList<>();
            database().getCollection(MongoProjectionStore.STATES, BsonDocument.class).find().forEach(state -> states.add(state.toJson()));
            Files.write(logs.resolve("row-states.json"), states, StandardCharsets.UTF_8);
        }
        long deadLetters = database().getCollection(MongoProjectionStore.DEAD_LETTERS).countDocuments();
        say("summary: %d kills, %,d changes re-delivered (%s after each restart), %d documents differ from the oracle%s,"
                        + " %d dead letters, %,d documents, %.1f s",
                crashes.size(), restarts.stream().mapToLong(ProgressCounters::stale).sum(),
                restarts.stream().map(r -> String.format("%,d", r.stale())).toList(), differences.size(),
                converged ? "" : " (still, " + CATCH_UP.toSeconds() + " s after the workload stopped)",
                deadLetters, documentCount(), (System.nanoTime() - started) / 1e9);
        assertThat(differences.size()).as(() -> "documents that differ from the oracle after the last restart (all of them in "
                + logs.resolve("differences.txt") + "); the first:\n"
                + String.join("\n", differences.subList(0, Math.min(10, differences.size())))).isZero();
        assertThat(deadLetters).as("dead letters").isZero();
    }

    /** Kills the running bridge; its last progress line is complete once it is gone. */
    private Crash kill(int number) throws InterruptedException {
        String phase = bridge.phase();
        String at = now();
        int exit = bridge.kill();
        assertThat(exit).as("%s was killed with SIGKILL", bridge.name()).isEqualTo(BridgeProcess.KILLED_BY_SIGKILL);
        return new Crash(number, bridge.name(), bridge.pid(), at, phase, bridge.lastProgress());
    }

    /** Reports what the bridge restarted after a crash did, from its last counters, and returns them. */
    private ProgressCounters restarted(Crash crash, Optional<ProgressCounters> counters) {
        ProgressCounters after = counters.orElseThrow(() -> new AssertionError(
                "the bridge restarted after kill " + crash.number() + " printed no progress line\n" + bridge.tail(20)));
        say("after kill %d: %s re-delivered %,d changes (ignored as stale) of the %,d it was handed%s", crash.number(),
                bridge.name(), after.stale(), after.changes(),
                bridge.tookSnapshot() ? String.format("; it took the snapshot again (%,d rows)", bridge.snapshotRows()) : "");
        return after;
    }

    /** Whether the documents came to equal the oracle within {@link #CATCH_UP}; the caller reports how they differ. */
    private boolean awaitOracle() {
        try {
            await("documents equal the oracle after the last restart").atMost(CATCH_UP).pollInterval(Duration.ofMillis(500))
                    .until(() -> bridge.requireAlive() && differences().isEmpty());
            say("documents equal the oracle at %s", now());
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** The differences from the oracle, as of the projection time the documents were rendered at. */
    private List<String> differences() {
        java.util.Optional<Instant> stored = MongoProjectionStore.storedProjectionTime(database(), "");
        if (stored.isEmpty()) {
            return List.of("no projection time stored yet");
        }
        Instant asOf = stored.get();
        return new OracleComparison(new SqlOracle(source.dataSource()), database()).differences(PROJECTIONS, asOf);
    }

    private long documentCount() {
        return PROJECTIONS.stream().mapToLong(p -> database().getCollection(p.collection()).countDocuments()).sum();
    }

    private MongoDatabase database() {
        return client.getDatabase(NAME);
    }

    /** The bridge's settings, in this test's servers; the password comes from the environment, as in production. */
    private Path writeConfig() throws IOException {
        List<String> lines = new ArrayList<>(List.of("# Written by " + getClass().getSimpleName() + " for the bridges it starts and kills.",
                "source:"));
        lines.addAll(source.sourceYaml());
        lines.addAll(List.of(
                "  snapshot-mode: initial",
                "  poll-interval-ms: 50",
                "mongo:",
                "  uri: '" + mongo.connectionString() + "'",
                "  database: " + NAME,
                "offsets:",
                "  file: '" + work.resolve("offsets.dat").toAbsolutePath() + "'",
                "  flush-interval-ms: 1000",
                "projections:",
                "  directory: '" + Path.of("../config/projections").toAbsolutePath().normalize() + "'",
                "http:",
                "  # No HTTP server: the killed bridges must not compete for a port.",
                "  port: 0",
                ""));
        String yaml = String.join("\n", lines);
        Path file = work.resolve("bridge.yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        return file;
    }

    /** MONOBRIDGE_MONGO_URI stays unset (BridgeProcess removes it), so that mongo.uri applies. */
    private Map<String, String> environment() {
        return Map.of("MONOBRIDGE_SOURCE_PASSWORD", source.password());
    }

    private String now() {
        return String.format("%.1f s (%s)", (System.nanoTime() - started) / 1e9, LocalTime.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private void say(String format, Object... args) {
        System.out.println(getClass().getSimpleName() + ": " + String.format(format, args));
    }
}
