package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.connector.drift.DriftFigures;
import dev.monobridge.connector.drift.DriftSettings;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoDriftLog;

/**
 * The drift sampler against embedded PostgreSQL, Debezium's engine and the in-process MongoDB
 * (docs/drift-sampler.md): a document changed behind the bridge's back is reported with its differences,
 * and repaired when repair is on; a healthy run under a random workload reports no drift at all.
 */
class DriftSamplerIT {

    /** Short, so that the tests take seconds: a round every 300 ms. */
    private static final Duration INTERVAL = Duration.ofMillis(300);
    /** More than the demo's small size has documents, so that every round looks at every document. */
    private static final int EVERY_DOCUMENT = 200;
    private static final String RACING = "racing-homepage";
    private static final Duration DETECTED_WITHIN = Duration.ofSeconds(30);
    private static final String SAMPLER_LOGGER = "dev.monobridge.connector.drift.DriftSampler";

    /**
     * The demo's projections, and projections with lookups and aggregates (issue 15): a document the sampler
     * recomputes from the source must read the rows its lookups name and its aggregates count.
     */
    private static final List<ProjectionDefinition> PROJECTIONS = java.util.stream.Stream.concat(AbstractBridgeIT.PROJECTIONS.stream(),
            new ProjectionDefinitionReader().readDirectory(Path.of("src/test/resources/figures-projections")).stream()).toList();

    private static TestSources sources;

    @TempDir
    Path work;

    private TestDatabase database;
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
        database = new TestDatabase(sources, "it_drift_");
        DemoSchema.seed(database.dataSource(), DemoSize.small(), 17);
    }

    @AfterEach
    void dropEverything() throws SQLException {
        if (bridge != null) {
            bridge.close();
        }
        database.close();
    }

    @Test
    void aDocumentChangedBehindTheBridgesBackIsReportedWithItsDifferencesAndLeftAsItIs() {
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(SAMPLER_LOGGER)).addAppender(lines);
        bridge = start(false);
        awaitOracle("after the snapshot");
        MongoCollection<BsonDocument> homepage = collection(RACING);
        BsonDocument original = homepage.find().sort(Sorts.ascending("_id")).first();
        homepage.updateOne(Filters.eq("_id", original.get("_id")), Updates.set("venue", "Tampered Downs"));

        await("the sampler reports the tampered document").atMost(DETECTED_WITHIN)
                .until(() -> figures(RACING).drifted() >= 1);
        List<BsonDocument> records = new MongoDriftLog(bridge.database()).recent(RACING, 10);
        assertThat(records).hasSize(1);
        BsonDocument record = records.get(0);
        assertThat(record.get("documentId")).isEqualTo(original.get("_id"));
        assertThat(record.getArray("differences")).containsExactly(new BsonDocument("path", new BsonString("venue"))
                .append("stored", new BsonString("\"Tampered Downs\""))
                .append("expected", new BsonString("\"" + original.getString("venue").getValue() + "\"")));
        assertThat(record.getString("repair").getValue()).isEqualTo("off");
        assertThat(homepage.find(Filters.eq("_id", original.get("_id"))).first().getString("venue").getValue())
                .as("with repair off, the document is only reported").isEqualTo("Tampered Downs");
        assertThat(bridge.drift().snapshot().drifted()).as("only the tampered document drifted").isEqualTo(1);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(SAMPLER_LOGGER)).detachAppender(lines);
        assertThat(lines.list).filteredOn(line -> line.getFormattedMessage().startsWith("Drift: racing-homepage document "))
                .singleElement().satisfies(line -> {
                    assertThat(line.getFormattedMessage()).contains("venue: \"Tampered Downs\"");
                    assertThat(line.getMDCPropertyMap()).as("the log line's fields").containsEntry("projection", RACING);
                });
    }

    @Test
    void withRepairOnADriftedDocumentIsRewrittenFromTheSource() {
        bridge = start(true);
        awaitOracle("after the snapshot");
        MongoCollection<BsonDocument> homepage = collection(RACING);
        BsonDocument original = homepage.find().sort(Sorts.descending("_id")).first();
        String firstRace = original.getArray("races").get(0).asDocument().getString("name").getValue();
        homepage.updateOne(Filters.eq("_id", original.get("_id")),
                Updates.combine(Updates.set("races.0.name", "Not a race"), Updates.set("smuggled", 1)));

        await("the sampler repairs the tampered document").atMost(DETECTED_WITHIN).untilAsserted(() -> {
            BsonDocument now = homepage.find(Filters.eq("_id", original.get("_id"))).first();
            assertThat(now.getArray("races").get(0).asDocument().getString("name").getValue()).isEqualTo(firstRace);
            assertThat(now.containsKey("smuggled")).isFalse();
        });
        DriftFigures.Projection racing = figures(RACING);
        assertThat(racing.drifted()).isEqualTo(1);
        assertThat(racing.repaired()).isEqualTo(1);
        BsonDocument record = new MongoDriftLog(bridge.database()).recent(RACING, 1).get(0);
        assertThat(record.getString("repair").getValue()).isEqualTo("started");
        assertThat(record.getArray("differences").stream().map(d -> d.asDocument().getString("path").getValue()))
                .containsExactlyInAnyOrder("races.0.name", "smuggled");
        awaitOracle("after the repair");
    }

    @Test
    void aHealthyRunUnderARandomWorkloadReportsNoDrift() throws Exception {
        bridge = start(false);
        awaitOracle("after the snapshot");
        long appliedBefore = bridge.stats().applied();
        long checkedBefore = checked();
        try (LoadGenerator workload = new LoadGenerator(database.dataSource(), 150, 23)) {
            workload.start();
            await("the sampler checks documents while the workload writes them").atMost(Duration.ofSeconds(90))
                    .until(() -> checked() - checkedBefore >= 400 && bridge.stats().applied() - appliedBefore >= 1_000);
        }
        awaitOracle("after the workload");
        DriftFigures.Snapshot drift = bridge.drift().snapshot();
        System.out.printf("DriftSamplerIT: healthy run, %,d changes applied; %s%n", bridge.stats().applied() - appliedBefore,
                drift.projections());
        assertThat(drift.lastError()).isNull();
        for (ProjectionDefinition projection : PROJECTIONS) {
            DriftFigures.Projection figures = drift.projections().get(projection.name());
            assertThat(figures.drifted()).as(projection.name() + " drifted").isZero();
            assertThat(figures.shape()).as(projection.name() + " shape problems").allSatisfy((kind, count) -> assertThat(count).isZero());
        }
        assertThat(new MongoDriftLog(bridge.database()).recent(null, 10)).isEmpty();
    }

    private Bridge start(boolean repair) {
        return Bridge.start(new BridgeOptions(database.source(PROJECTIONS), sources.mongoUri(), database.name(),
                work.resolve("offsets.dat"), Duration.ofMillis(100), PROJECTIONS, Duration.ofHours(1))
                .withDrift(new DriftSettings(INTERVAL, EVERY_DOCUMENT, Duration.ofSeconds(5), repair, 100)));
    }

    private long checked() {
        return bridge.drift().snapshot().projections().values().stream().mapToLong(DriftFigures.Projection::checked).sum();
    }

    private DriftFigures.Projection figures(String projection) {
        return bridge.drift().snapshot().projections().get(projection);
    }

    private MongoCollection<BsonDocument> collection(String projection) {
        String name = PROJECTIONS.stream().filter(p -> p.name().equals(projection)).findFirst().orElseThrow().collection();
        return bridge.database().getCollection(name, BsonDocument.class);
    }

    private void awaitOracle(String what) {
        OracleComparison oracle = new OracleComparison(new SqlOracle(database.dataSource()), bridge.database());
        await(what).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(oracle.differences(PROJECTIONS, bridge.projectionTime()))
                        .as(what).isEmpty());
    }
}
