package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/**
 * The first transaction streamed after the initial snapshot is ordered after every snapshot read, even
 * when it began before the snapshot point. PostgreSQL makes a replication slot consistent only once
 * the transactions running when it started have ended, and decodes in full every transaction that
 * began after it had seen them all begin: such a transaction can log its first change before the
 * consistent point and commit after it. The test makes one on purpose, with two held transactions and
 * {@code pg_log_standby_snapshot()} to move the slot's snapshot builder on step by step:
 *
 * <ol>
 *   <li>{@code A} holds an id while the bridge creates its slot, which waits for it;</li>
 *   <li>{@code B} begins; {@code A} commits; a standby snapshot shows only {@code B} running (full snapshot);</li>
 *   <li>{@code T} begins and renames an event: its change is logged now, before the consistent point;</li>
 *   <li>{@code B} commits; a standby snapshot shows only {@code T} running: the slot is consistent;</li>
 *   <li>the bridge snapshots the tables without {@code T}'s rename; then {@code T} commits, the first
 *       transaction streamed, with no last commit LSN and a change LSN before the snapshot's.</li>
 * </ol>
 */
class SnapshotOrderingIT {

    private static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of("../config/projections"));
    private static final Duration WAIT = Duration.ofSeconds(90);

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

    @AfterEach
    void dropEverything() throws SQLException {
        if (bridge != null) {
            bridge.close();
        }
        database.close();
    }

    @Test
    void aTransactionThatBeganBeforeTheSnapshotPointAndCommittedAfterItIsNotDroppedAsStale() throws Exception {
        database = new TestDatabase(sources, "it_ordering_");
        DemoSchema.seed(database.dataSource(), DemoSize.tiny(), 11);
        ProjectionDefinition eventPage = PROJECTIONS.stream().filter(p -> p.name().equals("event-page")).findFirst().orElseThrow();
        // The oracle's keys are canonical text ("n:7"): any event that has a page.
        String key = new SqlOracle(database.dataSource()).documents(eventPage, Instant.now()).keySet().iterator().next().toString();
        long event = Long.parseLong(key.substring(key.indexOf(':') + 1));

        try (Connection a = transaction(); Connection b = transaction(); Connection t = transaction()) {
            execute(a, "update customer set name = name where id = (select min(id) from customer)");
            bridge = Bridge.start(new BridgeOptions(database.source(PROJECTIONS), sources.mongoUri(), database.name(),
                    work.resolve("offsets.dat"), Duration.ofMillis(100), PROJECTIONS, Duration.ofHours(1)));
            await("the slot waits for A").atMost(WAIT).until(this::slotIsBeingCreated);

            execute(b, "update customer set name = name where id = (select max(id) from customer)");
            a.commit();
            logStandbySnapshot();
            execute(t, "update event set name = 'Renamed Before The Snapshot Point' where id = " + event);
            b.commit();
            logStandbySnapshot();

            await("the snapshot's documents").atMost(WAIT).until(() -> eventName(event) != null);
            assertThat(eventName(event)).as("read by the snapshot, without T").isNotEqualTo("Renamed Before The Snapshot Point");
            t.commit();
        }

        await("T's rename in the document").atMost(WAIT).until(() -> "Renamed Before The Snapshot Point".equals(eventName(event)));
        OracleComparison oracle = new OracleComparison(new SqlOracle(database.dataSource()), bridge.database());
        await().atMost(WAIT).untilAsserted(() -> assertThat(oracle.differences(PROJECTIONS, bridge.projectionTime())).isEmpty());
        assertThat(bridge.stats().stale()).as("changes dropped as stale").isZero();
    }

    private Connection transaction() throws SQLException {
        Connection connection = database.dataSource().getConnection();
        connection.setAutoCommit(false);
        return connection;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The walsender creating the bridge's slot, waiting for the transactions that run to end. */
    private boolean slotIsBeingCreated() throws SQLException {
        return database.queryLong("select count(*) from pg_stat_activity where backend_type = 'walsender'"
                + " and query ilike '%CREATE_REPLICATION_SLOT%' and state = 'active'") > 0;
    }

    /** What the bgwriter logs every 15 s, now: the running transactions, which move the slot's snapshot builder on. */
    private void logStandbySnapshot() throws SQLException {
        try (Connection connection = database.dataSource().getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select pg_log_standby_snapshot()")) {
            rs.next();
        }
    }

    private String eventName(long event) {
        BsonDocument page = bridge.database().getCollection("event_page", BsonDocument.class)
                .find(new BsonDocument("_id", new BsonInt64(event))).first();
        return page == null ? null : page.getString("name").getValue();
    }
}
