package dev.monobridge.connector.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadGeneratorIT {

    @Test
    void longRunTurnsTheDataOverWithoutGrowingIt() throws SQLException {
        try (DemoPostgres postgres = DemoPostgres.startFresh();
                HikariDataSource db = TestDatabases.seeded(postgres, DemoSize.small(), 17);
                LoadGenerator generator = new LoadGenerator(db, 1000, 17)) {
            Map<String, Long> seeded = counts(db);
            long lastSeededMeeting = TestDatabases.count(db, "select max(id) from meeting");
            long lastSeededEvent = TestDatabases.count(db, "select max(id) from event");
            Map<String, Long> peak = new LinkedHashMap<>(seeded);

            for (int round = 0; round < 20; round++) {
                generator.runSteps(1_000);
                counts(db).forEach((table, count) -> peak.merge(table, count, Math::max));
            }

            assertThat(generator.errors()).isZero();
            // Every seeded meeting and event has run its course and been deleted, and new ones replaced them.
            assertThat(TestDatabases.count(db, "select min(id) from meeting")).isGreaterThan(lastSeededMeeting);
            assertThat(TestDatabases.count(db, "select min(id) from event")).isGreaterThan(lastSeededEvent);
            // Yet no table ever held much more than it was seeded with (bets: the generator's floor of 50).
            peak.forEach((table, count) -> assertThat(count).as(table)
                    .isLessThanOrEqualTo(Math.max(seeded.get(table) * 2, 60) + 10));
            assertThat(TestDatabases.count(db, "select count(*) from race where status = 'OFF'"))
                    .as("races left running").isLessThanOrEqualTo(5);
        }
    }

    private static Map<String, Long> counts(HikariDataSource db) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : DemoSchema.TABLES) {
            counts.put(table, TestDatabases.count(db, "select count(*) from " + table));
        }
        return counts;
    }
}
