package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.SqlDialect;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoRebuildJournal;
import dev.monobridge.projector.rebuild.RebuildJournal;
import dev.monobridge.projector.rebuild.RebuildProgress;

/**
 * Zero-downtime rebuilds (P6): while a projection is rebuilt from the source and the source keeps
 * changing, readers always find every document, and afterwards every document equals the oracle.
 */
abstract class AbstractRebuildIT {

    private static final DemoSize MEDIUM = new DemoSize(12, 8, 10, 60, 5, 4, 100, 20);

    @TempDir
    Path work;

    private TestDatabase database;
    private Bridge bridge;

    abstract TestSources sources();

    @AfterEach
    void stop() throws SQLException {
        if (bridge != null) {
            bridge.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aRebuildUnderWriteLoadNeverShowsReadersAMissingDocument() throws Exception {
        List<ProjectionDefinition> projections = projections(Path.of("../config/projections"));
        start(projections, MEDIUM);
        awaitOracle(projections);
        Map<String, Set<Long>> roots = Map.of(
                "racing_homepage", ids("select id from meeting"),
                "event_page", ids("select id from event where status <> 'ABANDONED'"));
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        List<String> misses = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (running.get()) {
                roots.forEach((collection, ids) -> {
                    Set<Long> found = new HashSet<>();
                    for (BsonDocument document : bridge.database().getCollection(collection, BsonDocument.class).find()) {
                        found.add(document.getInt64("_id").getValue());
                        reads.incrementAndGet();
                    }
                    if (!found.containsAll(ids)) {
                        Set<Long> missing = new HashSet<>(ids);
                        missing.removeAll(found);
                        synchronized (misses) {
                            misses.add(collection + " missing " + missing);
                        }
                    }
                });
            }
        }, "reader");
        try (PriceStorm storm = new PriceStorm(database, 7, Duration.ZERO)) {
            reader.start();
            storm.start();
            awaitDone(bridge.rebuilds().start("racing-homepage", null));
            awaitDone(bridge.rebuilds().start("event-page", null));
            storm.stop();
            awaitOracle(projections);
            System.out.printf("%s: rebuilt under %,d price changes; the reader made %,d document reads, %d misses%n",
                    getClass().getSimpleName(), storm.changes(), reads.get(), misses.size());
        } finally {
            running.set(false);
            reader.join();
        }
        assertThat(reads.get()).isPositive();
        assertThat(misses).isEmpty();
        assertThat(bridge.database().listCollectionNames().into(new ArrayList<>())).noneMatch(c -> c.endsWith("__rebuild"));
        assertThat(journal().unfinished()).as("rebuild records left after the swaps").isEmpty();
    }

    @Test
    void aRebuildAfterADefinitionChangeLeavesOnlyDocumentsOfTheNewVersion() throws Exception {
        Path version1 = copyProjections("v1", text -> text);
        start(projections(version1), DemoSize.small());
        awaitOracle(projections(version1));
        bridge.close();
        bridge = null;

        // Version 2: one more field, and a tighter bound.
        Path version2 = copyProjections("v2", text -> text.replace("version: 1", "version: 2")
                .replace("            status: status\n          order-by: [price asc, cloth_number asc]\n          max-items: 5",
                        "            status: status\n          order-by: [price asc, cloth_number asc]\n          max-items: 3")
                .replace("        distance_m: distanceMetres\n", "        distance_m: distanceMetres\n        resulted_at: resultedAt\n"));
        List<ProjectionDefinition> next = projections(version2);
        assertThat(next.stream().filter(p -> p.name().equals("racing-homepage")).findFirst().orElseThrow().version()).isEqualTo(2);
        bridge = Bridge.start(options(next));
        assertThat(bridge.rebuilds().pending()).containsOnlyKeys("racing-homepage", "event-page", "customer-bets");
        assertThat(versions("racing_homepage")).as("before the rebuild, the documents stay at version 1").containsOnly(1);

        awaitDone(bridge.rebuilds().start("racing-homepage", null));

        assertThat(versions("racing_homepage")).containsOnly(2);
        assertThat(bridge.rebuilds().pending()).doesNotContainKey("racing-homepage");
        OracleComparison oracle = new OracleComparison(new SqlOracle(database.dataSource()), bridge.database());
        List<ProjectionDefinition> racing = next.stream().filter(p -> p.name().equals("racing-homepage")).toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(oracle.differences(racing, bridge.projectionTime())).isEmpty());
        for (BsonDocument meeting : bridge.database().getCollection("racing_homepage", BsonDocument.class).find()) {
            meeting.getArray("races").forEach(race -> assertThat(race.asDocument().getArray("runners").size()).isLessThanOrEqualTo(3));
        }
    }

    /** Issue 15: a rebuild reads the tables lookups and aggregates show, whole or for one document. */
    @Test
    void rebuildsOfProjectionsWithLookupsAndAggregatesGiveWhatTheSourceSays() throws Exception {
        List<ProjectionDefinition> projections = projections(Path.of("src/test/resources/figures-projections"));
        start(projections, DemoSize.small());
        awaitOracle(projections);
        var slips = bridge.database().getCollection("bet_slips", BsonDocument.class);
        slips.updateMany(new BsonDocument(), new BsonDocument("$set", new BsonDocument("openStake", new BsonString("tampered"))
                .append("bets.0.selection", new BsonString("tampered"))));
        var cards = bridge.database().getCollection("event_card", BsonDocument.class);
        long event = database.queryLong("select min(id) from event");
        cards.updateOne(new BsonDocument("_id", new BsonInt64(event)), new BsonDocument("$set",
                new BsonDocument("sport", new BsonString("tampered")).append("marketCount", new BsonInt64(-1))));

        awaitDone(bridge.rebuilds().start("bet-slips", null));
        awaitDone(bridge.rebuilds().start("event-card", Long.toString(event)));

        awaitOracle(projections);
        assertThat(slips.countDocuments(new BsonDocument("bets.selection.name", new BsonDocument("$exists", org.bson.BsonBoolean.TRUE))))
                .as("rebuilt documents showing a looked-up selection").isPositive();
    }

    @Test
    void aSingleDocumentRebuildRepairsACorruptedDocumentAndTouchesNoOther() throws Exception {
        List<ProjectionDefinition> projections = projections(Path.of("../config/projections"));
        start(projections, DemoSize.small());
        awaitOracle(projections);
        long corrupted = database.queryLong("select min(id) from meeting");
        var collection = bridge.database().getCollection("racing_homepage", BsonDocument.class);
        collection.updateOne(new BsonDocument("_id", new BsonInt64(corrupted)),
                new BsonDocument("$set", new BsonDocument("venue", new BsonString("Nowhere"))));
        Map<Long, Instant> before = writtenAt("racing_homepage");

        awaitDone(bridge.rebuilds().start("racing-homepage", Long.toString(corrupted)));

        awaitOracle(projections);
        Map<Long, Instant> after = writtenAt("racing_homepage");
        before.forEach((id, written) -> {
            if (id == corrupted) {
                assertThat(after.get(id)).as("the repaired document").isAfter(written);
            } else {
                assertThat(after.get(id)).as("document %d", id).isEqualTo(written);
            }
        });
    }

    @Test
    void cancellingARebuildLeavesTheLiveProjectionAsItWas() throws Exception {
        List<ProjectionDefinition> projections = projections(Path.of("../config/projections"));
        start(projections, MEDIUM);
        awaitOracle(projections);
        Map<Long, Instant> before = writtenAt("event_page");
        long documents = bridge.database().getCollection("event_page").countDocuments();

        bridge.rebuilds().start("event-page", null);
        assertThat(bridge.rebuilds().cancel("event-page")).isTrue();
        await().atMost(Duration.ofSeconds(60)).until(() -> phase("event-page").isFinished());

        assertThat(phase("event-page")).isEqualTo(RebuildProgress.Phase.CANCELLED);
        assertThat(writtenAt("event_page")).isEqualTo(before);
        assertThat(bridge.database().getCollection("event_page").countDocuments()).isEqualTo(documents);
        assertThat(bridge.database().listCollectionNames().into(new ArrayList<>())).doesNotContain("event_page__rebuild");
        assertThat(journal().unfinished()).as("rebuild records left after the cancel").isEmpty();
    }

    @Test
    void aShadowLeftByACrashIsDroppedAtTheNextStart() throws Exception {
        List<ProjectionDefinition> projections = projections(Path.of("../config/projections"));
        start(projections, DemoSize.tiny());
        awaitOracle(projections);
        bridge.close();
        bridge = null;
        database.execute("select 1");
        try (var client = com.mongodb.client.MongoClients.create(sources().mongoUri())) {
            // What a rebuild killed while filling its shadow leaves: its record, and a part of the shadow.
            var mongo = client.getDatabase(database.name());
            new MongoRebuildJournal(mongo, Clock.systemUTC()).begin("racing-homepage", "racing_homepage__rebuild");
            mongo.getCollection("racing_homepage__rebuild").insertOne(new org.bson.Document("_id", 1));
        }

        bridge = Bridge.start(options(projections));

        assertThat(bridge.database().listCollectionNames().into(new ArrayList<>())).doesNotContain("racing_homepage__rebuild");
        assertThat(journal().unfinished()).isEmpty();
        awaitStreaming(projections);
    }

    @Test
    void aCollectionNamedLikeAShadowWithoutARecordIsKeptAtTheNextStart() throws Exception {
        List<ProjectionDefinition> projections = projections(Path.of("../config/projections"));
        start(projections, DemoSize.tiny());
        awaitOracle(projections);
        bridge.close();
        bridge = null;
        try (var client = com.mongodb.client.MongoClients.create(sources().mongoUri())) {
            var probe = client.getDatabase(database.name()).getCollection("probe__rebuild");
            for (int id = 1; id <= 20; id++) {
                probe.insertOne(new org.bson.Document("_id", id));
            }
        }

        bridge = Bridge.start(options(projections));

        assertThat(bridge.database().getCollection("probe__rebuild").countDocuments()).isEqualTo(20);
        awaitStreaming(projections);
    }

    /**
     * Waits for a change made after a restart to arrive: the documents are already there from before,
     * so only this shows that capture has started (and the engine may be closed without leaking).
     */
    private void awaitStreaming(List<ProjectionDefinition> projections) throws Exception {
        // The id first: MariaDB cannot update a table that a subquery of the same statement reads.
        long first = database.queryLong("select min(id) from meeting");
        database.execute("update meeting set venue = concat(venue, ' again') where id = " + first);
        awaitOracle(projections);
    }

    private RebuildJournal journal() {
        return new MongoRebuildJournal(bridge.database(), Clock.systemUTC());
    }

    private void start(List<ProjectionDefinition> projections, DemoSize size) throws SQLException {
        database = new TestDatabase(sources(), "rebuild");
        DemoSchema.seed(database.dataSource(), size, 3);
        if (sources().dialect() == SqlDialect.POSTGRES) {
            // Fresh statistics for the row estimates; InnoDB keeps its own as rows are written.
            database.execute("analyze");
        }
        bridge = Bridge.start(options(projections));
    }

    private BridgeOptions options(List<ProjectionDefinition> projections) {
        return new BridgeOptions(database.source(projections, work.resolve("offsets.dat")), sources().mongoUri(), database.name(), work.resolve("offsets.dat"),
                Duration.ofMillis(100), projections, Duration.ofHours(1));
    }

    private void awaitOracle(List<ProjectionDefinition> projections) {
        OracleComparison oracle = new OracleComparison(new SqlOracle(database.dataSource()), bridge.database());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(oracle.differences(projections, bridge.projectionTime())).isEmpty());
    }

    private void awaitDone(RebuildProgress.Snapshot started) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> phase(started.projection()).isFinished());
        RebuildProgress.Snapshot done = bridge.rebuilds().status().stream()
                .filter(s -> s.projection().equals(started.projection())).findFirst().orElseThrow();
        System.out.printf("%s: rebuilt %s: %,d rows read at %,.0f rows/s, %,d documents at %,.0f documents/s%n",
                getClass().getSimpleName(), done.projection(), done.rowsRead(), done.rowsPerSecond(),
                done.documentsWritten(), done.documentsPerSecond());
        assertThat(done.phase()).as(done.error()).isEqualTo(RebuildProgress.Phase.DONE);
    }

    private RebuildProgress.Phase phase(String projection) {
        return bridge.rebuilds().status().stream().filter(s -> s.projection().equals(projection))
                .findFirst().map(RebuildProgress.Snapshot::phase).orElse(RebuildProgress.Phase.SNAPSHOT);
    }

    private Set<Integer> versions(String collection) {
        Set<Integer> versions = new HashSet<>();
        for (BsonDocument document : bridge.database().getCollection(collection, BsonDocument.class).find()) {
            versions.add(document.getDocument("_meta").getInt32("version").getValue());
        }
        return versions;
    }

    private Map<Long, Instant> writtenAt(String collection) {
        Map<Long, Instant> written = new HashMap<>();
        for (BsonDocument document : bridge.database().getCollection(collection, BsonDocument.class).find()) {
            written.put(document.getInt64("_id").getValue(),
                    Instant.ofEpochMilli(document.getDocument("_meta").getDateTime("writtenAt").getValue()));
        }
        return written;
    }

    private Set<Long> ids(String sql) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    private Path copyProjections(String name, java.util.function.UnaryOperator<String> edit) throws IOException {
        Path directory = Files.createDirectories(work.resolve(name));
        try (var files = Files.list(Path.of("../config/projections"))) {
            for (Path file : files.toList()) {
                Files.writeString(directory.resolve(file.getFileName()), edit.apply(Files.readString(file)));
            }
        }
        return directory;
    }

    private static List<ProjectionDefinition> projections(Path directory) {
        return new ProjectionDefinitionReader().readDirectory(directory);
    }
}
