package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.monobridge.capture.source.SourceHeartbeat;
import dev.monobridge.capture.source.postgres.PostgresAdapter;
import dev.monobridge.capture.source.postgres.PostgresSource;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/**
 * A monolith's captured tables may idle for hours while the rest of its database is busy. A slot whose
 * connector reads nothing confirms nothing, so PostgreSQL keeps all that other traffic's WAL for it.
 * Two bridges capture the same idle tables through two slots, one with PostgreSQL's default heartbeat (a
 * logical decoding message at each beat) and one without, while a table neither captures takes many
 * writes: only the one without heartbeats holds on to them. Debezium's heartbeats without the message
 * free nothing here: {@code pgoutput} sends nothing for transactions of tables outside the publication.
 */
class IdleSlotIT {

    private static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of("../config/projections"));
    /** Enough WAL that the two slots' difference cannot be noise of the snapshot or the server's own writes. */
    private static final int BUSY_ROWS = 40_000;
    private static final long BUSY_WAL_AT_LEAST = 8L * 1024 * 1024;
    /** What a slot that keeps up may still hold: WAL written after its last confirmation. */
    private static final long KEPT_UP_AT_MOST = 1024L * 1024;
    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final String ROLE_PASSWORD = "idle-slot";

    private static TestSources sources;

    @BeforeAll
    static void startServers() {
        sources = new EmbeddedSources();
    }

    @AfterAll
    static void stopServers() {
        sources.close();
    }

    @Test
    void withHeartbeatsASlotLetsGoOfTheWalOfTablesItDoesNotCaptureAndWithoutThemItKeepsAllOfIt()
            throws SQLException, IOException {
        Path work = Files.createTempDirectory("monobridge-idle-slot-");
        try (TestDatabase database = new TestDatabase(sources, "idle_slot_")) {
            DemoSchema.seed(database.dataSource(), DemoSize.small(), 1);
            database.execute("create table audit_log (id bigserial primary key, payload text not null)");
            String beating = database.name() + "_beating";
            String silent = database.name() + "_silent";
            // The heartbeat's statement must work for the least a capture role has: LOGIN, REPLICATION and
            // SELECT on the captured tables, with the publication made for it by an owner.
            String role = database.name() + "_capture";
            String tables = String.join(", ", BridgeOptions.capturedTables(PROJECTIONS));
            database.execute("create role " + role + " login replication password '" + ROLE_PASSWORD + "'",
                    "grant select on " + tables + " to " + role,
                    "create publication " + database.name() + " for table " + tables);
            try {
                // One engine at a time: Debezium's metrics are named by the topic prefix, which every bridge shares.
                Duration released;
                SourceHeartbeat beats = new SourceHeartbeat(HEARTBEAT, PostgresSource.DEFAULT_HEARTBEAT.actionQuery());
                try (Bridge withHeartbeats = start(database, beating, role, ROLE_PASSWORD, beats, work)) {
                    awaitSnapshot(database, withHeartbeats, beating);
                    long written = busyWrites(database);
                    long began = System.nanoTime();
                    await("the slot with heartbeats lets go of the busy table's WAL").atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(100))
                            .untilAsserted(() -> assertThat(heldBy(database, beating)).isLessThan(KEPT_UP_AT_MOST));
                    released = Duration.ofNanos(System.nanoTime() - began);
                    assertThat(withHeartbeats.sourceLagBytes()).as("the bridge's own figure, as /ready and the metric see it")
                            .isLessThan(KEPT_UP_AT_MOST);
                    assertThat(withHeartbeats.deadLetterCount()).as("heartbeats are no dead letters").isZero();
                    assertThat(written).isGreaterThan(BUSY_WAL_AT_LEAST);
                }
                try (Bridge without = start(database, silent, role, ROLE_PASSWORD, SourceHeartbeat.OFF, work)) {
                    awaitSnapshot(database, without, silent);
                    long written = busyWrites(database);
                    // Given well over the time the other slot needed, this one still holds every byte.
                    Duration fairChance = released.multipliedBy(3).plus(HEARTBEAT.multipliedBy(10));
                    await("the slot without heartbeats keeps the busy table's WAL").during(fairChance)
                            .atMost(fairChance.plusSeconds(30)).pollInterval(Duration.ofMillis(100))
                            .until(() -> heldBy(database, silent) >= written);
                }
            } finally {
                TestDatabase.dropSlot(sources.dataSource(), beating);
                TestDatabase.dropSlot(sources.dataSource(), silent);
                database.execute("drop publication if exists " + database.name(), "revoke all on " + tables + " from " + role);
                TestDatabase.execute(sources.dataSource(), "drop role if exists " + role);
            }
        }
    }

    /** Until the bridge has written documents and confirmed the snapshot's end to its slot. */
    private static void awaitSnapshot(TestDatabase database, Bridge bridge, String slot) {
        await("the snapshot through " + slot).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> bridge.documentCounts().values().stream().mapToLong(Long::longValue).sum() > 0
                        && heldBy(database, slot) >= 0);
    }

    /** Writes to a table the bridge does not capture; returns the WAL that took. */
    private static long busyWrites(TestDatabase database) throws SQLException {
        long before = database.queryLong("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint");
        database.execute("insert into audit_log (payload) select repeat(md5(i::text), 8) from generate_series(1, "
                + BUSY_ROWS + ") i");
        long written = database.queryLong("select pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint") - before;
        assertThat(written).as("WAL the busy table wrote").isGreaterThan(BUSY_WAL_AT_LEAST);
        return written;
    }

    private static Bridge start(TestDatabase database, String slot, String user, String password, SourceHeartbeat heartbeat,
                                Path work) {
        PostgresAdapter adapter = new PostgresAdapter(new PostgresSource(sources.host(), sources.port(), database.name(),
                user, password, slot, database.name(), "disabled", "initial",
                BridgeOptions.capturedTables(PROJECTIONS), Duration.ofMillis(20), 1024, heartbeat));
        return Bridge.start(new BridgeOptions(adapter, sources.mongoUri(), slot, work.resolve(slot + ".offsets"),
                Duration.ofMillis(100), PROJECTIONS, Duration.ofHours(1)));
    }

    /** WAL the slot makes the server keep: from where it would restart decoding to the server's current position. */
    private static long heldBy(TestDatabase database, String slot) throws SQLException {
        return database.queryLong("select coalesce(pg_wal_lsn_diff(pg_current_wal_lsn(), restart_lsn)::bigint, -1)"
                + " from pg_replication_slots where slot_name = '" + slot + "'");
    }
}
