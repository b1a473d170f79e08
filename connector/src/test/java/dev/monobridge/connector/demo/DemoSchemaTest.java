package dev.monobridge.connector.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoSchemaTest {

    private static final long SEED = 42;

    private static DemoPostgres postgres;
    private static HikariDataSource tiny;

    @BeforeAll
    static void seedTinyDatabase() throws SQLException {
        postgres = DemoPostgres.startFresh();
        tiny = TestDatabases.seeded(postgres, DemoSize.tiny(), SEED);
    }

    @AfterAll
    static void stopServer() {
        tiny.close();
        postgres.close();
    }

    @Test
    void createsExactlyTheTablesAndColumnsThatProjectionsReferTo() throws SQLException {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("bet", List.of("id bigint NO", "customer_id bigint NO", "selection_id bigint YES",
                "stake numeric(12,2) NO", "price numeric(10,2) NO", "status text NO",
                "placed_at timestamp with time zone NO", "settled_at timestamp with time zone YES"));
        expected.put("customer", List.of("id bigint NO", "name text NO", "email text NO",
                "created_at timestamp with time zone NO"));
        expected.put("event", List.of("id bigint NO", "sport_id bigint NO", "name text NO",
                "start_time timestamp with time zone NO", "status text NO"));
        expected.put("market", List.of("id bigint NO", "event_id bigint NO", "name text NO", "status text NO",
                "display_order integer NO"));
        expected.put("meeting", List.of("id bigint NO", "venue text NO", "meeting_date date NO", "country text NO",
                "going text YES"));
        expected.put("race", List.of("id bigint NO", "meeting_id bigint NO", "name text NO",
                "off_time timestamp with time zone NO", "status text NO", "distance_m integer NO",
                "resulted_at timestamp with time zone YES"));
        expected.put("result", List.of("id bigint NO", "event_id bigint NO", "market_id bigint NO",
                "selection_id bigint NO", "settled_at timestamp with time zone NO"));
        expected.put("runner", List.of("id bigint NO", "race_id bigint NO", "name text NO", "cloth_number integer NO",
                "price numeric(10,2) YES", "status text NO", "notes text YES"));
        expected.put("selection", List.of("id bigint NO", "market_id bigint NO", "name text NO",
                "price numeric(10,2) NO", "status text NO", "display_order integer NO"));
        expected.put("sport", List.of("id bigint NO", "name text NO"));

        Map<String, List<String>> actual = new LinkedHashMap<>();
        for (List<Object> column : TestDatabases.rows(tiny, "select table_name, column_name || ' '"
                + " || case when data_type = 'numeric' then 'numeric(' || numeric_precision || ',' || numeric_scale || ')'"
                + " else data_type end || ' ' || is_nullable from information_schema.columns"
                + " where table_schema = 'public' order by table_name, ordinal_position")) {
            actual.computeIfAbsent((String) column.get(0), t -> new java.util.ArrayList<>()).add((String) column.get(1));
        }

        assertThat(actual).isEqualTo(expected);
        assertThat(DemoSchema.TABLES).containsExactlyInAnyOrderElementsOf(expected.keySet());
    }

    @Test
    void givesEveryTableABigintPrimaryKeyAndIndexesEveryForeignKey() throws SQLException {
        assertThat(TestDatabases.rows(tiny, "select c.conrelid::regclass::text from pg_constraint c"
                + " where c.contype = 'p' and c.connamespace = 'public'::regnamespace order by 1"))
                .extracting(row -> row.get(0))
                .containsExactlyInAnyOrderElementsOf(DemoSchema.TABLES);
        assertThat(TestDatabases.rows(tiny, "select c.conrelid::regclass || '.' || a.attname from pg_constraint c"
                + " join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]"
                + " where c.contype = 'f' and not exists (select 1 from pg_index i"
                + " where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])"))
                .as("foreign keys without an index").isEmpty();
        assertThat(TestDatabases.rows(tiny, "select relname from pg_class where relkind = 'r'"
                + " and relnamespace = 'public'::regnamespace and relreplident <> 'd'"))
                .as("tables with a replica identity other than the default").isEmpty();
    }

    @Test
    void seedsTheExpectedRowCountsForTheTinySize() throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : DemoSchema.TABLES) {
            counts.put(table, TestDatabases.count(tiny, "select count(*) from " + table));
        }

        // tiny: 2 meetings x 3 races x 4 runners; 3 events x 2 markets x 3 selections; 4 customers x 3 bets.
        // One event in five is finished, with a result per market.
        assertThat(counts).containsExactly(
                Map.entry("sport", 4L), Map.entry("event", 3L), Map.entry("market", 6L), Map.entry("selection", 18L),
                Map.entry("result", 2L), Map.entry("meeting", 2L), Map.entry("race", 6L), Map.entry("runner", 24L),
                Map.entry("customer", 4L), Map.entry("bet", 12L));
    }

    @Test
    void seedsRacesAtEveryStageOfTheirDayRelativeToNow() throws SQLException {
        assertThat(TestDatabases.rows(tiny, "select status, count(*),"
                + " bool_and(case status when 'OPEN' then off_time > now() else off_time <= now() end),"
                + " bool_and((resulted_at is not null) = (status = 'RESULTED'))"
                + " from race group by status order by status"))
                .containsExactly(List.of("OFF", 2L, true, true), List.of("OPEN", 2L, true, true),
                        List.of("RESULTED", 2L, true, true));
        assertThat(TestDatabases.rows(tiny, "select count(*) filter (where ru.status = 'WINNER'),"
                + " count(*) filter (where ru.status in ('RUNNER'))"
                + " from race ra join runner ru on ru.race_id = ra.id where ra.status = 'RESULTED' group by ra.id"))
                .as("each resulted race has one winner and no runner left unplaced")
                .allSatisfy(row -> assertThat(row).containsExactly(1L, 0L));
    }

    @Test
    void seedsEventsAtEveryStageWithResultsAndBetsThatAgree() throws SQLException {
        assertThat(TestDatabases.rows(tiny, "select status, bool_and(start_time < now()) from event"
                + " group by status order by status"))
                .containsExactly(List.of("FINISHED", true), List.of("LIVE", true), List.of("SCHEDULED", false));
        assertThat(TestDatabases.rows(tiny, "select r.market_id, s.status from result r"
                + " join selection s on s.id = r.selection_id order by 1"))
                .extracting(row -> row.get(1)).containsOnly("WINNER");
        assertThat(TestDatabases.rows(tiny, "select b.status, s.status, b.price = s.price,"
                + " (b.settled_at is null) = (b.status = 'OPEN') from bet b join selection s on s.id = b.selection_id"))
                .hasSize(12)
                .allSatisfy(row -> {
                    String expected = switch ((String) row.get(1)) {
                        case "WINNER" -> "WON";
                        case "LOSER" -> "LOST";
                        default -> "OPEN";
                    };
                    assertThat(row).containsExactly(expected, row.get(1), true, true);
                });
    }

    @Test
    void seedsSomeRunnerNotesLargeEnoughToBeStoredOutOfLine() throws SQLException {
        String toastTable = (String) TestDatabases.rows(tiny,
                "select reltoastrelid::regclass::text from pg_class where oid = 'runner'::regclass").get(0).get(0);

        assertThat(TestDatabases.count(tiny, "select count(distinct chunk_id) from " + toastTable))
                .as("runner notes stored in the TOAST table").isGreaterThanOrEqualTo(3);
    }

    @Test
    void continuesEveryIdSequenceAfterTheSeededIds() throws SQLException {
        for (String table : DemoSchema.TABLES) {
            assertThat(TestDatabases.rows(tiny, "select last_value = (select coalesce(max(id), 0) + 1 from " + table
                    + "), is_called from " + table + "_id_seq"))
                    .as(table).containsExactly(List.of(true, false));
        }
    }

    @Test
    void seedsTheSameRowsForTheSameSeed() throws SQLException {
        try (HikariDataSource again = TestDatabases.seeded(postgres, DemoSize.tiny(), SEED);
                HikariDataSource other = TestDatabases.seeded(postgres, DemoSize.tiny(), SEED + 1)) {
            String rows = "select r.id, r.name, r.cloth_number, r.price, r.status, md5(r.notes), ra.name, m.venue"
                    + " from runner r join race ra on ra.id = r.race_id join meeting m on m.id = ra.meeting_id"
                    + " union all select s.id, s.name, s.display_order, s.price, s.status, e.name, mk.name, null"
                    + " from selection s join market mk on mk.id = s.market_id join event e on e.id = mk.event_id"
                    + " union all select id, status, customer_id::int, stake, coalesce(selection_id, 0)::text, null,"
                    + " null, null from bet order by 1, 2";

            assertThat(TestDatabases.rows(again, rows)).isEqualTo(TestDatabases.rows(tiny, rows));
            assertThat(TestDatabases.rows(other, rows)).isNotEqualTo(TestDatabases.rows(tiny, rows));
        }
    }

    @Test
    void refusesToSeedTablesThatAlreadyHoldRowsAndWritesNothing() throws SQLException {
        long bets = TestDatabases.count(tiny, "select count(*) from bet");

        assertThatThrownBy(() -> DemoSchema.seed(tiny, DemoSize.tiny(), SEED)).isInstanceOf(SQLException.class);
        assertThat(TestDatabases.count(tiny, "select count(*) from bet")).isEqualTo(bets);
    }

    @Test
    void refusesNegativeSizesAndBetsWithNothingToBetOn() {
        assertThatThrownBy(() -> new DemoSize(-1, 1, 1, 1, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DemoSize(1, 1, 1, 0, 1, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selection");
        assertThat(DemoSize.small()).isEqualTo(new DemoSize(3, 6, 8, 10, 4, 3, 20, 10));
    }
}
