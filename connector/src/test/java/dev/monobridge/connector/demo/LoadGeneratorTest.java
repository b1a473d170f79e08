package dev.monobridge.connector.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private static DemoPostgres postgres;

    @BeforeAll
    static void startServer() {
        postgres = DemoPostgres.startFresh();
    }

    @AfterAll
    static void stopServer() {
        postgres.close();
    }

    @Test
    void runStepsChangesRowsInSeveralTablesWithoutErrors() throws SQLException {
        try (HikariDataSource db = TestDatabases.seeded(postgres, DemoSize.small(), 1);
                LoadGenerator generator = new LoadGenerator(db, 1000, 1)) {
            Map<Object, Object> runnerPrices = byId(db, "select id, price from runner");
            Map<Object, Object> selectionPrices = byId(db, "select id, price from selection");
            Map<Object, Object> raceStatuses = byId(db, "select id, status from race");
            Map<Object, Object> marketStatuses = byId(db, "select id, status from market");
            long maxBetId = TestDatabases.count(db, "select max(id) from bet");

            generator.runSteps(200);

            assertThat(generator.transactions()).isEqualTo(200);
            assertThat(generator.errors()).isZero();
            assertThat(generator.changes()).isGreaterThan(200);
            assertThat(changed(runnerPrices, byId(db, "select id, price from runner")))
                    .as("runners whose price moved").isGreaterThan(20);
            assertThat(changed(selectionPrices, byId(db, "select id, price from selection")))
                    .as("selections whose price moved").isGreaterThan(20);
            assertThat(changed(raceStatuses, byId(db, "select id, status from race")))
                    .as("races gone off, resulted or deleted").isPositive();
            assertThat(changed(marketStatuses, byId(db, "select id, status from market")))
                    .as("markets suspended, reopened, settled or deleted").isPositive();
            assertThat(TestDatabases.count(db, "select count(*) from bet where id > " + maxBetId))
                    .as("bets placed").isPositive();
            assertThat(TestDatabases.count(db, "select count(*) from bet where settled_at > now() - interval '1 minute'"))
                    .as("bets settled or voided").isPositive();
            assertThat(TestDatabases.rows(db, "select count(*) filter (where ru.status = 'WINNER'),"
                    + " count(*) filter (where ru.status = 'RUNNER') from race ra join runner ru on ru.race_id = ra.id"
                    + " where ra.resulted_at > now() - interval '1 minute' group by ra.id"))
                    .as("races resulted by the run: one winner each, nobody left running")
                    .isNotEmpty()
                    .allSatisfy(row -> assertThat(row).containsExactly(1L, 0L));
        }
    }

    @Test
    void runStepsReplaysTheSameTransactionsForTheSameSeedAndStartingData() throws SQLException {
        // Everything but the timestamps, which follow the clock.
        String state = "select 'runner', id, race_id, name, cloth_number, price, status, md5(notes) from runner"
                + " union all select 'race', id, meeting_id, name, distance_m, null, status, null from race"
                + " union all select 'meeting', id, null, venue, null, null, going, country from meeting"
                + " union all select 'selection', id, market_id, name, display_order, price, status, null from selection"
                + " union all select 'market', id, event_id, name, display_order, null, status, null from market"
                + " union all select 'event', id, sport_id, name, null, null, status, null from event"
                + " union all select 'result', id, event_id, null, market_id::int, selection_id, null, null from result"
                + " union all select 'bet', id, customer_id, null, selection_id::int, stake, status, price::text from bet"
                + " order by 1, 2";
        try (HikariDataSource first = TestDatabases.seeded(postgres, DemoSize.tiny(), 3);
                HikariDataSource second = TestDatabases.seeded(postgres, DemoSize.tiny(), 3);
                LoadGenerator onFirst = new LoadGenerator(first, 1000, 11);
                LoadGenerator onSecond = new LoadGenerator(second, 1000, 11)) {
            List<List<Object>> before = TestDatabases.rows(first, state);

            onFirst.runSteps(300);
            onSecond.runSteps(300);

            List<List<Object>> after = TestDatabases.rows(first, state);
            assertThat(after).isNotEqualTo(before);
            assertThat(TestDatabases.rows(second, state)).isEqualTo(after);
            assertThat(onSecond.changes()).isEqualTo(onFirst.changes());
        }
    }

    @Test
    void countsFailedStepsAndKeepsGoing() throws SQLException {
        try (HikariDataSource db = TestDatabases.seeded(postgres, DemoSize.tiny(), 5);
                LoadGenerator generator = new LoadGenerator(db, 1000, 5)) {
            generator.runSteps(10);
            // Every step that places, settles or prunes a bet now fails; the rest must carry on.
            TestDatabases.execute(db, "alter table bet rename to bet_gone");

            generator.runSteps(200);

            assertThat(generator.errors()).isPositive();
            assertThat(generator.transactions()).isGreaterThan(100);
            assertThat(generator.transactions() + generator.errors()).isEqualTo(210);
        }
    }

    @Test
    void backgroundThreadKeepsToTheRateUntilClosed() throws SQLException {
        try (HikariDataSource db = TestDatabases.seeded(postgres, DemoSize.tiny(), 7)) {
            LoadGenerator generator = new LoadGenerator(db, 300, 7);
            long started = System.nanoTime();
            generator.start();

            await().atMost(Duration.ofSeconds(10)).until(() -> generator.changes() >= 150);
            generator.close();
            double seconds = (System.nanoTime() - started) / 1e9;
            long changes = generator.changes();

            // The pace allows one step's worth of burst: a step changes a few dozen rows at most.
            assertThat(changes).isLessThanOrEqualTo(Math.round(300 * seconds) + 60);
            assertThat(generator.errors()).isZero();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> generator.changes() == changes);
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(thread -> thread.getName().equals("monobridge-load-generator"));
        }
    }

    @Test
    void refusesABadRateASecondStartAndUseAfterClose() throws SQLException {
        try (HikariDataSource db = TestDatabases.seeded(postgres, DemoSize.tiny(), 9)) {
            assertThatThrownBy(() -> new LoadGenerator(db, 0, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new LoadGenerator(db, Double.NaN, 1)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new LoadGenerator(db, Double.POSITIVE_INFINITY, 1))
                    .isInstanceOf(IllegalArgumentException.class);

            LoadGenerator generator = new LoadGenerator(db, 1, 1);
            generator.start();
            assertThatThrownBy(generator::start).isInstanceOf(IllegalStateException.class);
            generator.close();
            assertThatThrownBy(generator::start).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> generator.runSteps(1)).isInstanceOf(IllegalStateException.class);
            assertThat(generator.errors()).isZero();
        }
    }

    private static Map<Object, Object> byId(DataSource db, String sql) throws SQLException {
        Map<Object, Object> values = new HashMap<>();
        for (List<Object> row : TestDatabases.rows(db, sql)) {
            values.put(row.get(0), row.get(1));
        }
        return values;
    }

    /** Rows of before whose value differs after, or that are gone. */
    private static long changed(Map<Object, Object> before, Map<Object, Object> after) {
        return before.entrySet().stream()
                .filter(e -> !after.containsKey(e.getKey()) || !Objects.equals(after.get(e.getKey()), e.getValue()))
                .count();
    }
}
