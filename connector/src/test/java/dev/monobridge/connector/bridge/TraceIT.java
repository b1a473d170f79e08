package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.time.Clock;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import javax.sql.DataSource;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.connector.capture.DebeziumCapture;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoProjectorFactory;
import dev.monobridge.projector.mongo.MongoWriters;
import dev.monobridge.projector.mongo.MongoTrailSettings;
import dev.monobridge.projector.mongo.MongoTrails;

/**
 * Issue 17, trace, end to end: embedded PostgreSQL, Debezium's embedded engine and the in-process MongoDB.
 * The trail of a document names the changes that made it, in order, and changes the source delivers again
 * (offsets put back, as after a crash) show as stale; a row never captured says so; and under a long
 * workload every trail stays within its length and the trails within their total.
 */
class TraceIT {

    private static final long EVENT = 900_001;
    private static TestSources sources;

    @TempDir
    Path work;

    private TestDatabase database;
    private DataSource source;
    private Bridge bridge;

    @BeforeAll
    static void startServers() {
        sources = new EmbeddedSources();
    }

    @AfterAll
    static void stopServers() {
        sources.close();
    }

    @BeforeEach
    void createSourceDatabase() throws SQLException {
        database = new TestDatabase(sources, "it_trace_");
        source = database.dataSource();
        DemoSchema.seed(source, DemoSize.small(), 17);
    }

    @AfterEach
    void dropEverything() throws SQLException {
        if (bridge != null) {
            bridge.close();
        }
        database.close();
    }

    @Test
    void afterAWorkloadTheTrailOfADocumentNamesTheChangesThatMadeItInOrderAndAReplayedChangeShowsAsStale() throws Exception {
        List<ProjectionDefinition> projections = AbstractBridgeIT.PROJECTIONS;
        Path offsets = work.resolve("offsets.dat");
        try (MongoClient client = MongoClients.create(sources.mongoUri())) {
            MongoDatabase mongo = client.getDatabase(database.name());
            ProjectorStats stats = new ProjectorStats();
            RecordingSink recorder = new RecordingSink(open(mongo, stats));
            try (DebeziumCapture capture = new DebeziumCapture(database.source(projections, offsets), offsets, Duration.ofMillis(100), recorder)) {
                capture.start();
                await().atMost(Duration.ofSeconds(90)).until(() -> mongo.getCollection("event_page").countDocuments() > 0);
                TestDatabase.execute(source,
                        "begin; insert into event (id, sport_id, name, start_time, status) values (" + EVENT
                                + ", (select min(id) from sport), 'Trace Cup', now() + interval '1 day', 'SCHEDULED');"
                                + " insert into market (id, event_id, name, status, display_order) values (" + EVENT + ", " + EVENT + ", 'Winner', 'OPEN', 1);"
                                + " insert into selection (id, market_id, name, price, status, display_order) values (" + EVENT + ", " + EVENT
                                + ", 'Kauto Star', 2.50, 'ACTIVE', 1); commit");
                // One change at a time: changes that share a batch share its one write to the document.
                await().atMost(Duration.ofSeconds(60)).until(() -> "2.50".equals(price(mongo)));
                TestDatabase.execute(source, "update selection set price = 2.25 where id = " + EVENT);
                await().atMost(Duration.ofSeconds(60)).until(() -> "2.25".equals(price(mongo)));
                TestDatabase.execute(source, "update selection set price = 2.00 where id = " + EVENT);
                await().atMost(Duration.ofSeconds(60)).until(() -> "2.00".equals(price(mongo)));
            }

            List<BsonDocument> made = entries(new MongoTrails(mongo).document(projection("event-page"), Long.toString(EVENT)).orElseThrow());
            // Oldest first, as they happened: the transaction that made the page, then the two prices.
            List<BsonDocument> oldestFirst = new ArrayList<>(made);
            Collections.reverse(oldestFirst);
            assertThat(oldestFirst).extracting(e -> text(e, "op") + " " + text(e, "table") + " " + text(e, "outcome"))
                    .containsExactly("c public.event wrote", "c public.market wrote", "c public.selection wrote",
                            "u public.selection wrote", "u public.selection wrote");
            assertThat(oldestFirst).extracting(e -> text(e, "position")).isSorted().doesNotHaveDuplicates();
            assertThat(oldestFirst.get(4).getArray("paths")).extracting(p -> p.asString().getValue())
                    .containsExactly("markets[id=" + EVENT + "].selections[id=" + EVENT + "].price");
            assertThat(oldestFirst).allSatisfy(e -> assertThat(e.containsKey("txId")).as("the transaction id").isTrue());
            assertThat(text(oldestFirst.get(0), "txId")).isEqualTo(text(oldestFirst.get(2), "txId"));
            assertThat(text(oldestFirst.get(3), "txId")).isNotEqualTo(text(oldestFirst.get(4), "txId"));
            assertThat(oldestFirst).allSatisfy(e -> assertThat(e.getDateTime("acknowledged").getValue())
                    .isGreaterThanOrEqualTo(e.getDateTime("commitTime").getValue()));

            // The same captured changes delivered again (at-least-once: a crash before the offsets were saved),
            // to a projector re-opened from MongoDB.
            List<Change> mine = recorder.log().stream().filter(c -> c.key() != null && c.table().matches("public\\.(event|market|selection)")
                    && Long.valueOf(EVENT).equals(c.key().columns().get("id"))).toList();
            assertThat(mine).hasSize(5);
            ProjectorStats replay = new ProjectorStats();
            open(mongo, replay).accept(mine);
            assertThat(replay.stale()).isEqualTo(5);

            List<BsonDocument> replayed = entries(new MongoTrails(mongo).document(projection("event-page"), Long.toString(EVENT)).orElseThrow());
            assertThat(replayed).hasSize(10);
            assertThat(replayed.subList(0, 5)).as("the replayed changes, newest first")
                    .extracting(e -> text(e, "op") + " " + text(e, "table") + " " + text(e, "outcome"))
                    .containsExactly("u public.selection no change: stale", "u public.selection no change: stale",
                            "c public.selection no change: stale", "c public.market no change: stale", "c public.event no change: stale");
            assertThat(replayed.subList(0, 5)).extracting(e -> text(e, "position"))
                    .isEqualTo(made.stream().map(e -> text(e, "position")).toList());
            assertThat(price(mongo)).isEqualTo("2.00");

            BsonDocument row = new MongoTrails(mongo).row("public.selection", "id", Long.toString(EVENT));
            assertThat(row.getBoolean("seen").getValue()).isTrue();
            assertThat(row.getArray("documents")).extracting(d -> d.asDocument().getString("projection").getValue()).contains("event-page");
            assertThat(entries(row)).extracting(e -> text(e, "outcome")).startsWith("no change: stale").contains("wrote");
        }
    }

    private static Projector open(MongoDatabase mongo, ProjectorStats stats) {
        return MongoProjectorFactory.open(mongo, AbstractBridgeIT.PROJECTIONS, Duration.ofHours(1), stats, Clock.systemUTC(),
                MongoProjectorFactory.CACHE_ROWS, "", MongoWriters.ONE, MongoTrailSettings.DEFAULT);
    }

    @Test
    void theTrailOfARowThatWasNeverCapturedSaysNeverSeenWithThePositionReached() throws Exception {
        startBridge(MongoTrailSettings.DEFAULT);
        awaitOffsetsPast(() -> TestDatabase.execute(source, "update selection set price = price + 1 where id = (select min(id) from selection)"));

        BsonDocument row = new MongoTrails(bridge.database()).row("public.selection", "id", "987654321");

        assertThat(row.getBoolean("seen").getValue()).isFalse();
        assertThat(row.getArray("trail")).isEmpty();
        // The position reached is at least that of the last change the bridge applied: the update just made.
        String updated = database.queryLong("select min(id) from selection") + "";
        String lastApplied = new MongoTrails(bridge.database()).row("public.selection", "id", updated).getArray("trail").get(0)
                .asDocument().getString("position").getValue();
        assertThat(row.getString("reached").getValue()).as("the position the bridge has reached").isGreaterThanOrEqualTo(lastApplied);
    }

    @Test
    void theTrailStaysWithinItsBoundsPerDocumentAndInTotalUnderALongWorkload() throws Exception {
        MongoTrailSettings settings = new MongoTrailSettings(3, Duration.ofHours(1), 150);
        startBridge(settings);
        try (LoadGenerator workload = new LoadGenerator(source, 2000, 17)) {
            workload.runSteps(1_500);
        }
        MongoCollection<BsonDocument> trails = bridge.database().getCollection(MongoTrails.COLLECTION, BsonDocument.class);
        await().atMost(Duration.ofSeconds(60)).until(() -> bridge.stats().trailEntries() > 0 && trails.countDocuments() > settings.maxTrails());
        long peak = trails.countDocuments();

        // The sweep runs once a minute, on the bridge's own timer when no change arrives.
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .until(() -> trails.countDocuments() <= settings.maxTrails());

        System.out.printf("Trail under a workload: %,d trail entries written, %,d trails at the peak, %,d after the sweep%n",
                bridge.stats().trailEntries(), peak, trails.countDocuments());
        assertThat(bridge.stats().trailEntries()).as("entries written").isGreaterThan(settings.maxTrails() * settings.perDocument());
        List<BsonDocument> all = trails.find(com.mongodb.client.model.Filters.exists("entries")).into(new ArrayList<>());
        assertThat(all).allSatisfy(t -> assertThat(t.getArray("entries").size()).isBetween(1, settings.perDocument()));
        assertThat(all).as("trails at the full length: documents and rows changed more often than it").anyMatch(
                t -> t.getArray("entries").size() == settings.perDocument());
        assertThat(bridge.stats().trailWriteFailures()).isZero();
    }

    private void startBridge(MongoTrailSettings trace) {
        List<ProjectionDefinition> projections = AbstractBridgeIT.PROJECTIONS;
        bridge = Bridge.start(new BridgeOptions(database.source(projections, work.resolve("offsets.dat")), sources.mongoUri(),
                database.name(), work.resolve("offsets.dat"), Duration.ofMillis(100), projections, Duration.ofHours(1), trace));
    }

    /** Runs the change, waits until the bridge has applied it, then until its offsets are saved past it. */
    private void awaitOffsetsPast(SqlStep change) throws Exception {
        Path offsets = work.resolve("offsets.dat");
        await().atMost(Duration.ofSeconds(90)).until(() -> bridge.stats().changes() > 0 && Files.exists(offsets));
        byte[] saved = Files.readAllBytes(offsets);
        long changes = bridge.stats().changes();
        change.run();
        await().atMost(Duration.ofSeconds(60)).until(() -> bridge.stats().changes() > changes
                && !Arrays.equals(Files.readAllBytes(offsets), saved));
    }

    private interface SqlStep {
        void run() throws SQLException;
    }

    private static String price(MongoDatabase mongo) {
        BsonDocument page = mongo.getCollection("event_page", BsonDocument.class).find(new BsonDocument("_id", new BsonInt64(EVENT))).first();
        if (page == null || page.getArray("markets").isEmpty()) {
            return null;
        }
        BsonValue price = page.getArray("markets").get(0).asDocument().getArray("selections").get(0).asDocument().get("price");
        return price.isDecimal128() ? price.asDecimal128().getValue().bigDecimalValue().toPlainString() : price.toString();
    }

    private static ProjectionDefinition projection(String name) {
        return AbstractBridgeIT.PROJECTIONS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    private static List<BsonDocument> entries(BsonDocument answer) {
        return answer.getArray("trail").stream().map(BsonValue::asDocument).toList();
    }

    private static String text(BsonDocument entry, String field) {
        return entry.getString(field).getValue();
    }
}
