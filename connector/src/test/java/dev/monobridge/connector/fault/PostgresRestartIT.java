package dev.monobridge.connector.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.projector.core.ProjectorStats;

/**
 * The source database restarts in the middle of a live workload: stopped (clients disconnected) and
 * started again on the same data directory and port. Capture reconnects by itself (Debezium's engine
 * restarts its task after a retriable error, with {@code errors.max.retries=-1}: without limit, up to 10 s
 * apart), and once it has caught up every document equals the oracle (P1, P7).
 */
class PostgresRestartIT {

    private static final double CHANGES_PER_SECOND = 300;
    private static final long SEED = 31;

    private static final RestartablePostgres SERVERS = new RestartablePostgres();

    @RegisterExtension
    static final BridgeFixture FIXTURE = new BridgeFixture(() -> SERVERS);

    @Test
    void aPostgresRestartMidWorkloadIsRiddenOutAndTheDocumentsConverge() throws SQLException {
        DemoSchema.seed(FIXTURE.source(), DemoSize.small(), SEED);
        Bridge bridge = FIXTURE.start();
        ProjectorStats stats = bridge.stats();
        FIXTURE.awaitOracle("documents equal the oracle after the snapshot");

        try (LoadGenerator workload = new LoadGenerator(FIXTURE.source(), CHANGES_PER_SECOND, SEED)) {
            workload.start();
            long before = stats.changes();
            await().atMost(Duration.ofSeconds(30)).until(() -> stats.changes() >= before + 300);

            SERVERS.stop();
            assertThat(bridge.capture().isStopped()).as("capture stopped while PostgreSQL is down: %s", bridge.capture().failure())
                    .isFalse();
            SERVERS.start();

            long afterRestart = workload.changes();
            await("the workload commits again").atMost(Duration.ofSeconds(60)).until(() -> workload.changes() > afterRestart + 300);
            long seen = stats.changes();
            await("capture streams again").atMost(Duration.ofSeconds(120)).until(() -> stats.changes() > seen + 300);
            assertThat(bridge.capture().isStopped()).as("capture stopped: %s", bridge.capture().failure()).isFalse();
        }
        FIXTURE.awaitOracle("documents equal the oracle after the restart");
        assertThat(bridge.deadLetterCount()).as("dead letters").isZero();
        System.out.printf("PostgresRestartIT: PostgreSQL restarted mid-workload; capture reconnected by itself; %,d changes in all,"
                + " documents %s%n", stats.changes(), bridge.documentCounts());
    }
}
