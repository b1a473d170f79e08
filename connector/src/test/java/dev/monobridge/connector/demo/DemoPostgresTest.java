package dev.monobridge.connector.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoPostgresTest {

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
    void startsPostgresWithLogicalDecodingEnabled() throws SQLException {
        assertThat(TestDatabases.rows(postgres.dataSource(), "select current_setting('wal_level'),"
                + " current_setting('max_replication_slots'), current_setting('max_wal_senders'),"
                + " current_setting('synchronous_commit'), current_setting('fsync')"))
                .containsExactly(List.of("logical", "10", "10", "on", "off"));
        assertThat(TestDatabases.count(postgres.dataSource(), "select current_setting('server_version_num')::int"))
                .isGreaterThanOrEqualTo(170_000);
    }

    @Test
    void createsALogicalReplicationSlotWithPgoutput() throws SQLException {
        TestDatabases.execute(postgres.dataSource(), "select pg_create_logical_replication_slot('t', 'pgoutput')");
        try {
            assertThat(TestDatabases.rows(postgres.dataSource(),
                    "select plugin, slot_type, database from pg_replication_slots where slot_name = 't'"))
                    .containsExactly(List.of("pgoutput", "logical", "postgres"));
        } finally {
            TestDatabases.execute(postgres.dataSource(), "select pg_drop_replication_slot('t')");
        }
    }

    @Test
    void reportsConnectionDetailsThatWorkWithPlainJdbc() throws SQLException {
        assertThat(postgres.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:" + postgres.port() + "/postgres");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.user(),
                postgres.password());
                var statement = connection.createStatement();
                var rs = statement.executeQuery("select current_user, current_database(), inet_server_port()")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(postgres.user());
            assertThat(rs.getString(2)).isEqualTo(postgres.database());
            assertThat(rs.getInt(3)).isEqualTo(postgres.port());
        }
        assertThat(postgres.host()).isEqualTo("localhost");
        assertThat(postgres.dataSource()).isSameAs(postgres.dataSource());
    }

    @Test
    void keepsDataAndReplicationSlotsAcrossARestartOnTheSameDataDirectory(@TempDir Path directory)
            throws SQLException {
        try (DemoPostgres first = DemoPostgres.start(directory, false)) {
            TestDatabases.execute(first.dataSource(), "create table kept (id int primary key, name text)");
            TestDatabases.execute(first.dataSource(), "insert into kept values (1, 'before restart')");
            TestDatabases.execute(first.dataSource(), "select pg_create_logical_replication_slot('kept', 'pgoutput')");
        }

        try (DemoPostgres second = DemoPostgres.start(directory, false)) {
            assertThat(TestDatabases.rows(second.dataSource(), "select id, name from kept"))
                    .containsExactly(List.of(1, "before restart"));
            assertThat(TestDatabases.rows(second.dataSource(),
                    "select plugin from pg_replication_slots where slot_name = 'kept'"))
                    .containsExactly(List.of("pgoutput"));
        }
    }

    @Test
    void refusesToCleanADirectoryThatHoldsNoCluster(@TempDir Path directory) throws IOException {
        Path precious = Files.writeString(directory.resolve("thesis.txt"), "five years of work");

        assertThatThrownBy(() -> DemoPostgres.start(directory, true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PG_VERSION");
        assertThat(precious).hasContent("five years of work");
    }
}
