package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.model.Filters;

import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoProjectionStore;

/**
 * P9 (issue 10, points 1 and 5): whatever value a source row holds, capture goes on. Each poison value
 * is written faithfully (as README's Values rules say) or is a dead letter with its reason, source
 * position and row key; a mapped column renamed or dropped while the bridge runs is a raised condition
 * and dead letters, never a silent null. Real PostgreSQL, Debezium's real engine, MongoDB over the wire.
 */
class PoisonValuesIT {

    private static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of("src/test/resources/poison-projections"));
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static TestSources sources;

    @TempDir
    Path work;

    private TestDatabase database;
    private Bridge bridge;
    private OracleComparison oracle;

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
        database = new TestDatabase(sources, "it_poison_");
        DemoSchema.seed(database.dataSource(), DemoSize.tiny(), 10);
        database.execute(
                // The columns the poison projections add; unconstrained numeric, which holds infinities.
                "alter table customer add column prefs jsonb",
                "alter table race add column weighed_in timestamp",
                "alter table runner alter column price type numeric");
    }

    @AfterEach
    void dropEverything() throws SQLException {
        if (bridge != null) {
            bridge.close();
        }
        database.close();
    }

    @Test
    void anInfiniteTimestampInAnUnmappedColumnNoLongerStopsCapture() throws SQLException {
        // Read by the snapshot, not the stream: both paths must give the same values.
        database.execute("update race set weighed_in = '-infinity' where id = (select min(id) from race)",
                "update runner set price = 'NaN' where id = (select min(id) from runner)",
                "update runner set price = '-Infinity' where id = (select max(id) from runner)",
                "update meeting set meeting_date = '-infinity' where id = (select min(id) from meeting)");
        startBridge();
        long customer = database.queryLong("select min(id) from customer");

        // The exact repro of issue 10: created_at is mapped by no projection.
        database.execute("update customer set created_at = 'infinity' where id = " + customer,
                "update customer set name = 'Still Flowing' where id = " + customer);

        await().atMost(WAIT).until(() -> "Still Flowing".equals(customerName(customer)));
        assertThat(bridge.capture().isStopped()).as("capture still running: %s", bridge.capture().failure()).isFalse();
        assertThat(deadLetters()).isEmpty();
        awaitOracle(PROJECTIONS);
    }

    @Test
    void poisonValuesNeverStopCapture() throws SQLException {
        startBridge();
        awaitOracle(PROJECTIONS);
        try (LoadGenerator workload = new LoadGenerator(database.dataSource(), 2000, 10)) {
            workload.runSteps(100);
            // Rows chosen now, between workload steps, so that the workload has not deleted them yet.
            long customer = database.queryLong("select min(customer_id) from bet");
            long otherCustomer = database.queryLong("select max(customer_id) from bet");
            long settledBet = database.queryLong("select min(id) from bet where customer_id = " + customer);
            long expiredBet = database.queryLong("select max(id) from bet where customer_id = " + customer);
            long race = database.queryLong("select max(id) from race where resulted_at is null");
            long meeting = database.queryLong("select meeting_id from race where id = " + race);
            database.execute(
                    // Unmapped timestamptz columns: ignored, the change applies.
                    "update customer set created_at = 'infinity' where id = " + customer,
                    "update customer set created_at = '-infinity' where id = " + otherCustomer,
                    // Mapped timestamptz columns: faithful. Retention keeps 'infinity' for ever, and
                    // '-infinity' expired long ago.
                    "update bet set settled_at = 'infinity' where id = " + settledBet,
                    "update bet set settled_at = '-infinity', placed_at = '-infinity' where id = " + expiredBet,
                    // A mapped timestamp (no time zone) and a mapped date.
                    "update race set weighed_in = 'infinity' where id = " + race,
                    "update meeting set meeting_date = 'infinity' where id = " + meeting);
            awaitOracle(PROJECTIONS);
            BsonDocument bets = document("customer_bets", customer);
            assertThat(betDate(bets, settledBet, "settledAt")).isEqualTo(Instant.parse("+275760-09-13T00:00:00Z"));
            assertThat(betIds(bets)).as("a bet settled at -infinity has long expired").doesNotContain(expiredBet);
            assertThat(document("racing_homepage", meeting).getString("date").getValue()).isEqualTo("infinity");
            assertThat(Instant.ofEpochMilli(raceOf(document("racing_homepage", meeting), race).getDateTime("weighedIn").getValue()))
                    .isEqualTo(Instant.parse("+275760-09-13T00:00:00Z"));

            workload.runSteps(100);
            long openRace = database.queryLong("select max(race_id) from runner where status = 'RUNNER'");
            long openMeeting = database.queryLong("select meeting_id from race where id = " + openRace);
            long favourite = database.queryLong("select max(id) from runner where race_id = " + openRace);
            long nanRunner = database.queryLong("select min(id) from runner where race_id = " + openRace);
            database.execute(
                    // NaN and infinities in a top-5 price list: -Infinity heads it, NaN sorts last.
                    "update runner set price = '-Infinity', status = 'RUNNER' where id = " + favourite,
                    "update runner set price = 'NaN', status = 'RUNNER' where id = " + nanRunner,
                    // JSON MongoDB would refuse: a dead letter.
                    "update customer set prefs = '{\"odds\": {\"$gt\": 2}}' where id = " + otherCustomer);
            await().atMost(WAIT).until(() -> deadLetter("$gt") != null);
            BsonDocument json = deadLetter("$gt");
            assertThat(json.getString("reason").getValue())
                    .isEqualTo("public.customer.prefs holds JSON MongoDB would refuse: the key \"$gt\" starts with '$'");
            assertThat(json.getDocument("key")).isEqualTo(new BsonDocument("id", new BsonInt64(otherCustomer)));
            assertThat(json.getString("position").getValue()).isNotBlank();
            assertThat(deadLetters()).as("only the JSON is a dead letter").hasSize(1);
            // The source row is put right, and its next change goes through.
            database.execute("update customer set prefs = '{\"odds\": {\"gt\": 2}}' where id = " + otherCustomer);
            awaitOracle(PROJECTIONS);
            BsonDocument runners = raceOf(document("racing_homepage", openMeeting), openRace);
            assertThat(runners.getArray("runners").get(0).asDocument().getInt64("id").getValue()).isEqualTo(favourite);
            assertThat(runners.getArray("runners").get(0).asDocument().getDecimal128("price").getValue())
                    .isEqualTo(Decimal128.NEGATIVE_INFINITY);

            // The demo workload reads prices as decimals, so they become numbers again before it goes on.
            database.execute("update runner set price = 4.50 where id in (" + favourite + ", " + nanRunner + ")");
            workload.runSteps(100);
            assertThat(workload.errors()).as("workload errors").isZero();
        }
        awaitOracle(PROJECTIONS);
        long customer = database.queryLong("select min(customer_id) from bet");
        long bet = database.queryLong("select min(id) from bet where customer_id = " + customer);
        long runner = database.queryLong("select min(id) from runner");

        // Mapped columns renamed and dropped while the bridge runs.
        database.execute("alter table customer rename column name to full_name",
                "update customer set full_name = 'Renamed' where id = " + customer,
                "alter table bet drop column status",
                "update bet set stake = stake + 1 where id = " + bet,
                // A later change elsewhere still arrives.
                "update runner set price = 1.01 where id = " + runner);

        await().atMost(WAIT).until(() -> bridge.stats().conditions().isRaised("schema:public.customer.name")
                && bridge.stats().conditions().isRaised("schema:public.bet.status"));
        assertThat(bridge.stats().conditions().reasons()).anySatisfy(reason -> assertThat(reason).startsWith(
                "public.customer.name, which projection customer-bets maps, is missing from changes since ")
                .endsWith(": renamed or dropped in the source?"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetter("public.bet.status")).isNotNull());
        BsonDocument renamed = deadLetter("public.customer.name");
        assertThat(renamed.getDocument("key")).isEqualTo(new BsonDocument("id", new BsonInt64(customer)));
        assertThat(renamed.getString("position").getValue()).isNotBlank();
        assertThat(document("customer_bets", customer).getString("name").getValue()).as("no silent null").isNotEqualTo("Renamed");
        await().atMost(WAIT).untilAsserted(() -> assertThat(oracle.differences(racingOnly(), bridge.projectionTime())).isEmpty());
        assertThat(bridge.capture().isStopped()).as("capture still running: %s", bridge.capture().failure()).isFalse();
    }

    private void startBridge() {
        bridge = Bridge.start(new BridgeOptions(database.source(PROJECTIONS), sources.mongoUri(), database.name(),
                work.resolve("offsets.dat"), Duration.ofMillis(100), PROJECTIONS, Duration.ofHours(1)));
        oracle = new OracleComparison(new SqlOracle(database.dataSource()), bridge.database());
    }

    private void awaitOracle(List<ProjectionDefinition> projections) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(oracle.differences(projections, bridge.projectionTime())).isEmpty());
    }

    private static List<ProjectionDefinition> racingOnly() {
        return PROJECTIONS.stream().filter(p -> p.name().equals("racing-homepage")).toList();
    }

    private BsonDocument document(String collection, long id) {
        return bridge.database().getCollection(collection, BsonDocument.class).find(Filters.eq("_id", id)).first();
    }

    private String customerName(long id) {
        BsonDocument document = document("customer_bets", id);
        return document == null ? null : document.getString("name").getValue();
    }

    private List<BsonDocument> deadLetters() {
        return bridge.database().getCollection(MongoProjectionStore.DEAD_LETTERS, BsonDocument.class).find().into(new ArrayList<>());
    }

    private BsonDocument deadLetter(String reasonContains) {
        return deadLetters().stream().filter(l -> l.getString("reason").getValue().contains(reasonContains)).findFirst().orElse(null);
    }

    private static List<Long> betIds(BsonDocument customer) {
        return customer.getArray("bets").stream().map(b -> b.asDocument().getInt64("id").getValue()).toList();
    }

    private static Instant betDate(BsonDocument customer, long bet, String field) {
        for (BsonValue entry : customer.getArray("bets")) {
            if (entry.asDocument().getInt64("id").getValue() == bet) {
                return Instant.ofEpochMilli(entry.asDocument().getDateTime(field).getValue());
            }
        }
        throw new AssertionError("bet " + bet + " is not in " + customer.toJson());
    }

    private static BsonDocument raceOf(BsonDocument meeting, long race) {
        for (BsonValue entry : meeting.getArray("races")) {
            if (entry.asDocument().getInt64("id").getValue() == race) {
                return entry.asDocument();
            }
        }
        throw new AssertionError("race " + race + " is not in " + meeting.toJson());
    }
}
