package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Random;
import java.util.TreeMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.capture.source.SourceAdapter;
import dev.monobridge.connector.capture.DebeziumCapture;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.connector.demo.SqlDialect;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.mongo.MongoProjectorFactory;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/**
 * The bridge end to end: a real source database (PostgreSQL with logical decoding, or MariaDB with a row
 * binlog), Debezium's real embedded engine, and MongoDB over the wire through the official driver. Each
 * test gets its own source database, replication slot and MongoDB database; documents are checked
 * against the SQL oracle.
 *
 * <p>Subclasses choose the servers: embedded ones, or the real images through Testcontainers, and the
 * source database.
 */
abstract class AbstractBridgeIT {

    static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of("../config/projections"));

    @TempDir
    Path work;

    private TestDatabase database;
    private String name;
    private DataSource source;
    private Bridge bridge;
    private OracleComparison oracle;

    abstract TestSources sources();

    @BeforeEach
    void createSourceDatabase() throws SQLException {
        database = new TestDatabase(sources(), "it_" + getClass().getSimpleName().toLowerCase() + "_");
        name = database.name();
        source = database.dataSource();
    }

    @AfterEach
    void dropEverything() throws SQLException {
        if (bridge != null) {
            bridge.close();
        }
        database.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void randomWorkloadsAcrossRestartsConvergeToTheOracle(long seed) throws SQLException {
        DemoSchema.seed(source, DemoSize.small(), seed);
        String replay = "seed " + seed + " (replay with this seed in " + getClass().getSimpleName() + ")";
        try (LoadGenerator workload = new LoadGenerator(source, 2000, seed)) {
            startBridge();
            workload.runSteps(400);
            awaitOracle(replay + ", after the snapshot and 400 transactions");

            // Stopped while changes stream in: whatever was in flight is replayed after the restart.
            workload.start();
            awaitChanges(200);
            bridge.close();
            bridge = null;
            workload.close();
        }
        try (LoadGenerator workload = new LoadGenerator(source, 2000, seed + 1000)) {
            workload.runSteps(400);
            startBridge();
            workload.runSteps(400);
            awaitOracle(replay + ", after a restart");
            assertThat(workload.errors()).as(replay + ": workload errors").isZero();
        }
        assertThat(bridge.deadLetterCount()).as(replay + ": dead letters").isZero();
        System.out.printf("%s: %s converged, %,d changes seen after the restart (%,d stale), documents %s%n",
                getClass().getSimpleName(), replay, bridge.stats().changes(), bridge.stats().stale(), bridge.documentCounts());
    }

    /** Issue 15: lookups and aggregates, under the random workload and a restart, equal what plain SQL computes. */
    @Test
    void randomWorkloadsWithLookupsAndAggregatesConvergeToTheOracle() throws SQLException {
        List<ProjectionDefinition> figures = new ProjectionDefinitionReader().readDirectory(Path.of("src/test/resources/figures-projections"));
        long seed = 4;
        DemoSchema.seed(source, DemoSize.small(), seed);
        OracleComparison comparison;
        try (LoadGenerator workload = new LoadGenerator(source, 2000, seed)) {
            startBridge(figures);
            comparison = new OracleComparison(new SqlOracle(source), bridge.database());
            workload.runSteps(400);
            awaitOracle(comparison, figures, "lookups and aggregates after the snapshot and 400 transactions");
            workload.start();
            awaitChanges(200);
            bridge.close();
            bridge = null;
            workload.close();
        }
        try (LoadGenerator workload = new LoadGenerator(source, 2000, seed + 1000)) {
            workload.runSteps(200);
            startBridge(figures);
            comparison = new OracleComparison(new SqlOracle(source), bridge.database());
            workload.runSteps(200);
            awaitOracle(comparison, figures, "lookups and aggregates after a restart");
            assertThat(workload.errors()).as("workload errors").isZero();
        }
        assertThat(bridge.deadLetterCount()).as("dead letters").isZero();
        assertThat(bridge.database().getCollection("bet_slips", BsonDocument.class)
                .countDocuments(new BsonDocument("bets.selection.name", new BsonDocument("$exists", org.bson.BsonBoolean.TRUE))))
                .as("documents showing a looked-up selection").isPositive();
    }

    private void awaitOracle(OracleComparison comparison, List<ProjectionDefinition> projections, String what) {
        await(what).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(comparison.differences(projections, bridge.projectionTime()))
                        .as(() -> what + "; " + progress()).isEmpty());
    }

    @Test
    void aShuffledAndDuplicatedReplayOfTheCapturedLogConvergesAndAnOrderedOneWritesNothing() throws SQLException {
        DemoSchema.seed(source, DemoSize.small(), 5);
        ProjectorStats stats = new ProjectorStats();
        List<Change> log;
        try (MongoClient client = MongoClients.create(sources().mongoUri())) {
            MongoDatabase original = client.getDatabase(name);
            Projector projector = MongoProjectorFactory.open(original, PROJECTIONS, Duration.ofHours(1), stats, Clock.systemUTC());
            RecordingSink recorder = new RecordingSink(projector);
            try (DebeziumCapture capture = new DebeziumCapture(adapter(), work.resolve("offsets.dat"), Duration.ofMillis(100), recorder);
                 LoadGenerator workload = new LoadGenerator(source, 2000, 5)) {
                capture.start();
                OracleComparison comparison = new OracleComparison(new SqlOracle(source), original);
                // The snapshot first, so that the workload's changes are streamed, not read by it.
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(comparison.differences(PROJECTIONS, projector.asOf())).isEmpty());
                workload.runSteps(400);
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(comparison.differences(PROJECTIONS, projector.asOf())).isEmpty());
            }
            log = recorder.log();
            Map<String, String> before = rawDocuments(original);

            // Out of order and twice over, as Kafka Connect may deliver it, into an empty database.
            MongoDatabase replayed = client.getDatabase(name + "_replayed");
            Projector fresh = MongoProjectorFactory.open(replayed, PROJECTIONS, Duration.ofHours(1), new ProjectorStats(), Clock.systemUTC());
            List<Change> shuffled = new ArrayList<>(log);
            shuffled.addAll(log);
            Random random = new Random(5);
            Collections.shuffle(shuffled, random);
            for (int from = 0; from < shuffled.size(); ) {
                int to = Math.min(shuffled.size(), from + 1 + random.nextInt(500));
                fresh.accept(shuffled.subList(from, to));
                from = to;
            }
            assertThat(new OracleComparison(new SqlOracle(source), replayed).differences(PROJECTIONS, fresh.asOf()))
                    .as("%,d changes, shuffled and duplicated", shuffled.size()).isEmpty();

            // In order again, into the original: every change is already reflected, nothing is written.
            ProjectorStats replayStats = new ProjectorStats();
            Projector reopened = MongoProjectorFactory.open(original, PROJECTIONS, Duration.ofHours(1), replayStats, Clock.systemUTC());
            reopened.accept(log);
            assertThat(replayStats.applied()).isZero();
            assertThat(replayStats.stale()).isPositive();
            assertThat(replayStats.documentWrites()).isZero();
            assertThat(rawDocuments(original)).isEqualTo(before);
        }
        System.out.printf("%s: replayed %,d captured changes shuffled and twice over into an empty database, and in order into"
                + " the original, where none applied%n", getClass().getSimpleName(), log.size());
    }

    @Test
    void resettingTheOffsetsReplaysTheSourceAndRewritesNoDocument() throws SQLException {
        DemoSchema.seed(source, DemoSize.small(), 6);
        startBridge();
        try (LoadGenerator workload = new LoadGenerator(source, 2000, 6)) {
            workload.runSteps(200);
        }
        awaitOracle();
        Map<String, String> before = rawDocuments(bridge.database());
        bridge.close();
        bridge = null;
        assertThat(work.resolve("offsets.dat").toFile().delete()).as("offsets reset").isTrue();

        startBridge();
        long rows = queryLong("select (select count(*) from meeting) + (select count(*) from race) + (select count(*) from runner)"
                + " + (select count(*) from event) + (select count(*) from market) + (select count(*) from selection)"
                + " + (select count(*) from customer) + (select count(*) from bet)");
        await().atMost(Duration.ofSeconds(60)).until(() -> bridge.stats().changes() >= rows);
        awaitOracle();
        assertThat(bridge.stats().documentWrites()).as("writes after re-reading %,d rows", rows).isZero();
        assertThat(rawDocuments(bridge.database())).isEqualTo(before);
    }

    @Test
    void anUnchangedToastedColumnKeepsItsValueAndThePlaceholderNeverLands() throws SQLException {
        assumePostgres("TOAST and its unavailable-value placeholder are PostgreSQL's; a full-row binlog sends every value");
        List<ProjectionDefinition> notes = new ProjectionDefinitionReader().readDirectory(Path.of("src/test/resources/toast-projections"));
        DemoSchema.seed(source, DemoSize.tiny(), 7);
        long runner = queryLong("select min(id) from runner where length(notes) > 4000");
        assertThat(queryLong("select count(*) from pg_class where relname = 'runner' and relreplident = 'd'"))
                .as("default replica identity").isEqualTo(1);
        startBridge(notes);
        OracleComparison comparison = new OracleComparison(new SqlOracle(source), bridge.database());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(comparison.differences(notes, bridge.projectionTime())).isEmpty());

        execute(source, "update runner set price = price + 1 where id = " + runner);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(comparison.differences(notes, bridge.projectionTime())).isEmpty());

        BsonDocument document = document("runner_notes", runner);
        assertThat(document.getString("notes").getValue()).hasSizeGreaterThan(4000).doesNotContain("__debezium_unavailable_value");
        assertThat(bridge.database().getCollection("runner_notes", BsonDocument.class)
                .countDocuments(new BsonDocument("notes", new org.bson.BsonString("__debezium_unavailable_value")))).isZero();
    }

    @Test
    void aSoftDeletedRowLeavesItsDocumentsAndComesBackWhenRestored() throws SQLException {
        List<ProjectionDefinition> flagged = new ProjectionDefinitionReader().readDirectory(Path.of("src/test/resources/soft-delete-projections"));
        DemoSchema.seed(source, DemoSize.tiny(), 7);
        // MariaDB's BOOLEAN is TINYINT(1), which the adapter's converter sends as a boolean.
        execute(source, "alter table customer add column deleted_at " + (sources().dialect() == SqlDialect.POSTGRES ? "timestamptz" : "datetime(3)"),
                "alter table bet add column is_deleted boolean not null default false");
        startBridge(flagged);
        OracleComparison comparison = new OracleComparison(new SqlOracle(source), bridge.database());
        long customer = queryLong("select min(customer_id) from bet");
        long bet = queryLong("select max(id) from bet where customer_id = " + customer);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(comparison.differences(flagged, bridge.projectionTime())).isEmpty());
        assertThat(betIds(customer)).contains(bet);

        execute(source, "update bet set is_deleted = true where id = " + bet);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(betIds(customer)).doesNotContain(bet));
        execute(source, "update customer set deleted_at = now() where id = " + customer);
        await().atMost(Duration.ofSeconds(60)).until(() -> document("customer_bets", customer) == null);
        assertThat(comparison.differences(flagged, bridge.projectionTime())).isEmpty();

        execute(source, "update customer set deleted_at = null where id = " + customer,
                "update bet set is_deleted = false where id = " + bet);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(comparison.differences(flagged, bridge.projectionTime())).isEmpty());
        assertThat(betIds(customer)).contains(bet);
    }

    private List<Long> betIds(long customer) {
        BsonDocument document = document("customer_bets", customer);
        return document == null ? List.of()
                : document.getArray("bets").stream().map(b -> b.asDocument().getInt64("id").getValue()).toList();
    }

    @Test
    void snapshotThenStreamingBothReachTheDocuments() throws SQLException {
        DemoSchema.seed(source, DemoSize.tiny(), 7);
        startBridge();
        awaitOracle();
        long afterSnapshot = bridge.stats().changes();
        assertThat(afterSnapshot).as("snapshot reads").isPositive();
        assertThat(bridge.documentCounts().values()).allMatch(count -> count > 0);

        try (LoadGenerator workload = new LoadGenerator(source, 1000, 11)) {
            workload.runSteps(150);
            assertThat(workload.changes()).isPositive();
        }
        awaitOracle();
        assertThat(bridge.stats().changes()).as("streamed changes").isGreaterThan(afterSnapshot);
        assertThat(bridge.deadLetterCount()).isZero();
    }

    @Test
    void aBridgeClosedWhileItsCaptureIsStillStartingStopsCleanlyAndResumesLater() throws SQLException {
        DemoSchema.seed(source, DemoSize.tiny(), 11);
        startBridge();
        // Right after the connector starts, its tasks are starting (connecting to the source, which takes a
        // while): Debezium refuses a stop then, and the close must wait for them instead of throwing and
        // leaving the capture thread running.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(bridge.capture()::isConnectorStarted);
        assertThatCode(bridge::close).doesNotThrowAnyException();
        assertThat(bridge.capture().isStopped()).as("capture stopped by the close").isTrue();
        bridge = null;

        startBridge();
        awaitOracle();
        assertThat(bridge.deadLetterCount()).isZero();
    }

    @Test
    void insertsUpdatesAndDeletesOfRootAndChildRowsReachTheDocuments() throws SQLException {
        DemoSchema.seed(source, DemoSize.tiny(), 7);
        startBridge();
        awaitOracle();
        execute(source, "insert into meeting (id, venue, meeting_date, country, going) values (9001, 'Kempton', current_date, 'GB', 'Good')",
                "insert into race (id, meeting_id, name, off_time, status, distance_m) values (9101, 9001, 'The Boxing Day Hurdle', now() + interval '1' hour, 'OPEN', 3200)",
                "insert into runner (id, race_id, name, cloth_number, price, status) values"
                        + " (9201, 9101, 'Aintree Dream', 1, 3.50, 'RUNNER'), (9202, 9101, 'Boxing Clever', 2, 5.00, 'RUNNER'),"
                        + " (9203, 9101, 'Cold Turkey', 3, 8.00, 'RUNNER')");
        // Three autocommit transactions: the meeting's document can exist before its race arrives, so wait
        // until the documents hold all three, not merely until the meeting's document exists.
        awaitOracle();
        BsonDocument meeting = awaitDocument("racing_homepage", 9001);
        assertThat(meeting.getArray("races")).hasSize(1);
        assertThat(runnerNames(meeting)).containsExactly("Aintree Dream", "Boxing Clever", "Cold Turkey");

        execute(source, "update runner set price = 2.25 where id = 9203");
        awaitOracle();
        assertThat(runnerNames(awaitDocument("racing_homepage", 9001))).containsExactly("Cold Turkey", "Aintree Dream", "Boxing Clever");

        execute(source, "delete from runner where id = 9201");
        awaitOracle();
        assertThat(runnerNames(awaitDocument("racing_homepage", 9001))).containsExactly("Cold Turkey", "Boxing Clever");

        execute(source, "update meeting set going = 'Heavy' where id = 9001");
        awaitOracle();
        assertThat(awaitDocument("racing_homepage", 9001).getString("going").getValue()).isEqualTo("Heavy");

        if (sources().dialect() == SqlDialect.MARIADB) {
            // InnoDB's cascades write nothing to the binlog, so the MariaDB schema has none: children go first.
            execute(source, "delete from runner where race_id = 9101", "delete from race where id = 9101");
        }
        execute(source, "delete from meeting where id = 9001");
        awaitOracle();
        assertThat(document("racing_homepage", 9001)).as("a deleted root leaves no empty shell").isNull();
    }

    @Test
    void aRestartLosesNothingAndRewritesNothingThatDidNotChange() throws SQLException {
        DemoSchema.seed(source, DemoSize.tiny(), 7);
        startBridge();
        awaitOracle();
        Map<String, Instant> writtenBefore = writtenAt("event_page");
        bridge.close();
        bridge = null;

        // While the bridge is down: one event changes, everything else stays as it was.
        long changedEvent = queryLong("select min(id) from event");
        execute(source, "update event set name = concat(name, ' (rearranged)') where id = " + changedEvent);

        startBridge();
        awaitOracle();
        Map<String, Instant> writtenAfter = writtenAt("event_page");
        assertThat(writtenAfter.keySet()).isEqualTo(writtenBefore.keySet());
        writtenBefore.forEach((id, before) -> {
            if (id.equals(Long.toString(changedEvent))) {
                assertThat(writtenAfter.get(id)).as("the changed event was rewritten").isAfter(before);
            } else {
                assertThat(writtenAfter.get(id)).as("event %s was not rewritten", id).isEqualTo(before);
            }
        });
    }

    @Test
    void truncatingAChildTableEmptiesItsLists() throws SQLException {
        assumePostgres("Debezium's MariaDB connector sends no truncate events: the binlog holds TRUNCATE as a statement");
        DemoSchema.seed(source, DemoSize.tiny(), 7);
        startBridge();
        awaitOracle();
        execute(source, "truncate runner");
        awaitOracle();
        for (BsonDocument meeting : bridge.database().getCollection("racing_homepage", BsonDocument.class).find()) {
            meeting.getArray("races").forEach(race -> assertThat(race.asDocument().getArray("runners")).isEmpty());
        }
    }

    private void startBridge() {
        startBridge(PROJECTIONS);
    }

    private void startBridge(List<ProjectionDefinition> projections) {
        bridge = Bridge.start(new BridgeOptions(adapter(projections), sources().mongoUri(), name, work.resolve("offsets.dat"),
                Duration.ofMillis(100), projections, Duration.ofHours(1)));
        oracle = new OracleComparison(new SqlOracle(source), bridge.database());
    }

    private SourceAdapter adapter() {
        return adapter(PROJECTIONS);
    }

    private SourceAdapter adapter(List<ProjectionDefinition> projections) {
        return database.source(projections, work.resolve("offsets.dat"));
    }

    private void assumePostgres(String why) {
        assumeTrue(sources().dialect() == SqlDialect.POSTGRES, "PostgreSQL only: " + why);
    }

    /** Every document as extended JSON, by id, without the one field a rewrite of equal content changes. */
    private static Map<String, String> rawDocuments(MongoDatabase database) {
        Map<String, String> documents = new TreeMap<>();
        for (ProjectionDefinition projection : PROJECTIONS) {
            for (BsonDocument document : database.getCollection(projection.collection(), BsonDocument.class).find()) {
                document.getDocument("_meta").remove("writtenAt");
                documents.put(projection.collection() + "/" + document.get("_id"), document.toJson());
            }
        }
        return documents;
    }

    private void awaitOracle() {
        awaitOracle("documents equal the oracle");
    }

    private void awaitOracle(String what) {
        await(what).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(oracle.differences(PROJECTIONS, bridge.projectionTime()))
                        .as(() -> what + "; " + progress()).isEmpty());
    }

    /** What the bridge has done, so that a failure to converge says whether it stalled, skipped or refused. */
    private String progress() {
        return String.format(Locale.ROOT, "bridge: %,d changes in %,d batches, %,d applied, %,d stale, %,d dead letters, capture %s,"
                        + " conditions %s, last lag %s, the source keeps %,d bytes of log",
                bridge.stats().changes(), bridge.stats().batches(), bridge.stats().applied(), bridge.stats().stale(),
                bridge.deadLetterCount(), bridge.capture().isStopped() ? "stopped: " + bridge.capture().failure() : "running",
                bridge.stats().conditions().reasons(), bridge.stats().lastLag(), bridge.sourceLagBytes());
    }

    private void awaitChanges(long more) {
        long target = bridge.stats().changes() + more;
        await().atMost(Duration.ofSeconds(30)).until(() -> bridge.stats().changes() >= target);
    }

    private BsonDocument awaitDocument(String collection, long id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> document(collection, id), d -> d != null);
    }

    private BsonDocument document(String collection, long id) {
        return bridge.database().getCollection(collection, BsonDocument.class)
                .find(new BsonDocument("_id", new org.bson.BsonInt64(id))).first();
    }

    private static List<String> runnerNames(BsonDocument meeting) {
        return meeting.getArray("races").get(0).asDocument().getArray("runners").stream()
                .map(r -> r.asDocument().getString("name").getValue()).toList();
    }

    private Map<String, Instant> writtenAt(String collection) {
        Map<String, Instant> written = new HashMap<>();
        for (BsonDocument document : bridge.database().getCollection(collection, BsonDocument.class).find()) {
            written.put(Long.toString(document.get("_id").asNumber().longValue()),
                    Instant.ofEpochMilli(document.getDocument("_meta").getDateTime("writtenAt").getValue()));
        }
        return written;
    }

    private long queryLong(String sql) throws SQLException {
        return database.queryLong(sql);
    }

    private static void execute(DataSource dataSource, String... statements) throws SQLException {
        TestDatabase.execute(dataSource, statements);
    }
}
