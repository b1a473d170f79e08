package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.mongo.MongoProjectionStore;

/**
 * A restart with many remembered rows reads only the row states its batches need, not all of them
 * (issue 12, docs/state-store.md), and still converges to the SQL oracle.
 *
 * <p>100,000 bets over 1,000 customers, 100 each, of which a customer's document shows the newest 50:
 * most remembered rows are in no document, as in a monolith's history tables.
 */
class ManyRememberedRowsIT {

    private static final DemoSize MANY_BETS = new DemoSize(2, 2, 4, 5, 2, 3, 1_000, 100);
    private static final int REMEMBERED_AT_LEAST = 100_000;
    /** The customers whose bets change while the bridge is down. */
    private static final int CHANGED_CUSTOMERS = 3;
    /**
     * What the batches after the restart may read: each changed customer's document is its root and its
     * 100 bets (303 rows in all), and a retention step reads the bets whose 7 days end within it (a few).
     * A thousand leaves room for those and is still a hundredth of what a start-up that read every row
     * would count.
     */
    private static final long LOADED_AT_MOST = 1_000;

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
        database = new TestDatabase(sources, "it_many_rows_");
    }

    @AfterEach
    void dropEverything() throws SQLException {
        if (bridge != null) {
            bridge.close();
        }
        database.close();
    }

    @Test
    void aRestartWithAHundredThousandRememberedRowsReadsOnlyTheRowsOfTheDocumentsItsChangesTouch() throws SQLException {
        DemoSchema.seed(database.dataSource(), MANY_BETS, 12);
        bridge = start();
        long started = System.nanoTime();
        awaitOracle("after the snapshot of " + REMEMBERED_AT_LEAST + " bets");
        System.out.printf("SEED converged in %.1f s: %,d queries, %,d rows loaded, %,d batches%n", (System.nanoTime() - started) / 1e9,
                bridge.stats().stateQueries(), bridge.stats().rowStatesLoaded(), bridge.stats().batches());
        long remembered = bridge.database().getCollection(MongoProjectionStore.STATES).countDocuments();
        assertThat(remembered).as("remembered rows").isGreaterThanOrEqualTo(REMEMBERED_AT_LEAST);
        bridge.close();

        // While the bridge is down, every bet of a few customers changes, and one of them is renamed.
        database.execute("update bet set stake = stake + 1 where customer_id in (select id from customer order by id limit "
                        + CHANGED_CUSTOMERS + ")",
                "update customer set name = name || ' (moved house)' where id = (select min(id) from customer)");

        bridge = start();
        assertThat(bridge.stats().rowStatesLoaded()).as("row states read by start-up").isLessThanOrEqualTo(LOADED_AT_MOST);
        long changes = CHANGED_CUSTOMERS * MANY_BETS.betsPerCustomer() + 1;
        await("the changes made while the bridge was down").atMost(Duration.ofSeconds(60))
                .until(() -> bridge.stats().applied() >= changes);
        awaitOracle("after the restart");
        System.out.printf("%s: %,d remembered rows; after the restart %,d changes applied, %,d row states loaded in %,d queries%n",
                getClass().getSimpleName(), remembered, bridge.stats().applied(), bridge.stats().rowStatesLoaded(),
                bridge.stats().stateQueries());
        assertThat(bridge.stats().rowStatesLoaded())
                .as("row states read from MongoDB after a restart, of %,d remembered", remembered)
                .isGreaterThanOrEqualTo(changes)
                .isLessThanOrEqualTo(LOADED_AT_MOST);
    }

    private Bridge start() {
        return Bridge.start(new BridgeOptions(database.source(AbstractBridgeIT.PROJECTIONS), sources.mongoUri(), database.name(),
                work.resolve("offsets.dat"), Duration.ofMillis(100), AbstractBridgeIT.PROJECTIONS, Duration.ofHours(1)));
    }

    private void awaitOracle(String what) {
        OracleComparison oracle = new OracleComparison(new SqlOracle(database.dataSource()), bridge.database());
        await(what).atMost(Duration.ofSeconds(600)).pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(oracle.differences(AbstractBridgeIT.PROJECTIONS, bridge.projectionTime()))
                        .as(what).isEmpty());
    }
}
