package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.demo.DemoMariaDb;
import dev.monobridge.connector.demo.InProcessMongo;

/**
 * What would stop capture on a real MariaDB, found by {@code validate} and by {@code run} before the
 * engine starts, each as one line with what fixes it: a user without the replication privileges, and a
 * binlog that holds statements instead of rows.
 */
class MariaDbSetupChecksIT {

    private static final String PASSWORD = "walkthrough-secret";

    private static DemoMariaDb mariadb;

    @TempDir
    Path directory;

    @BeforeAll
    static void startMariaDb() throws SQLException {
        mariadb = DemoMariaDb.startFresh();
        execute("create table orders (id integer primary key, purchaser integer, quantity integer)");
    }

    @AfterAll
    static void stopMariaDb() {
        if (mariadb != null) {
            mariadb.close();
        }
    }

    @Test
    void aUserWithoutReplicationPrivilegesIsToldEachOneByValidateAndRunStopsBeforeTheEngineStarts() throws Exception {
        execute("create user 'norepl'@'%' identified by '" + PASSWORD + "'", "grant select on `public`.orders to 'norepl'@'%'");
        Path config = bridgeYaml("norepl");

        for (String command : new String[] {"validate", "run"}) {
            CommandRun.Result result = CommandRun.run(command, "--config", config.toString());

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ErrorHandler.CONFIG_ERROR);
            assertThat(result.hasStackTrace()).as(result.all()).isFalse();
            // run logs its start before it checks; validate prints the problems alone.
            List<String> problems = List.of(
                    "3 setup problems on the source norepl at " + mariadb.jdbcUrl() + ":",
                    "  user 'norepl'@'%' lacks REPLICATION SLAVE: it cannot read the binlog: GRANT REPLICATION SLAVE ON *.* TO 'norepl'@'%';",
                    "  user 'norepl'@'%' lacks BINLOG MONITOR: it cannot read the binlog's position: GRANT BINLOG MONITOR ON *.* TO 'norepl'@'%';",
                    "  user 'norepl'@'%' lacks RELOAD: it cannot take the snapshot's global read lock: GRANT RELOAD ON *.* TO 'norepl'@'%';");
            if (command.equals("validate")) {
                assertThat(result.errLines()).as(result.all()).containsExactlyElementsOf(problems);
            } else {
                assertThat(result.errLines()).as(result.all()).containsSubsequence(problems);
            }
        }
    }

    @Test
    void aStatementBinlogIsToldByValidate() throws Exception {
        execute("set global binlog_format = 'STATEMENT'");
        try {
            CommandRun.Result result = CommandRun.run("validate", "--config", bridgeYaml(mariadb.user()).toString());

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ErrorHandler.CONFIG_ERROR);
            assertThat(result.hasStackTrace()).as(result.all()).isFalse();
            assertThat(result.errLines()).as(result.all()).containsExactly(
                    "1 setup problem on the source " + mariadb.user() + " at " + mariadb.jdbcUrl() + ":",
                    "  binlog_format is STATEMENT, not ROW: the binlog holds statements, not the changed rows: SET GLOBAL binlog_format = 'ROW';"
                            + " and binlog_format=ROW in the server's configuration, so that it survives a restart");
        } finally {
            execute("set global binlog_format = 'ROW'");
        }
    }

    @Test
    void aUserWithTheGrantsTheSpikeFoundEnoughPassesValidate() throws Exception {
        execute("create user 'enough'@'%' identified by '" + PASSWORD + "'",
                "grant replication slave, binlog monitor, reload on *.* to 'enough'@'%'", "grant select on `public`.orders to 'enough'@'%'");

        try (InProcessMongo mongo = InProcessMongo.start()) {
            CommandRun.Result result = CommandRun.run("validate", "--config", bridgeYaml("enough", mongo.connectionString()).toString());

            assertThat(result.exitCode()).as(result.all()).isZero();
        }
    }

    private static void execute(String... statements) throws SQLException {
        try (Connection connection = mariadb.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
    }

    /** A bridge.yaml beside a projections folder with one projection of the orders table, for the user {@code user}. */
    private Path bridgeYaml(String user) throws IOException {
        // No MongoDB: the source's problems stop validate before it is asked.
        return bridgeYaml(user, "mongodb://127.0.0.1:1");
    }

    private Path bridgeYaml(String user, String mongoUri) throws IOException {
        Path projections = Files.createDirectories(directory.resolve("projections"));
        Files.writeString(projections.resolve("orders.yaml"), """
                name: orders
                team: shop
                collection: orders
                version: 1
                root:
                  table: public.orders
                  key: id
                  fields: [purchaser, quantity]
                """);
        Files.writeString(directory.resolve("password"), user.equals(mariadb.user()) ? mariadb.password() : PASSWORD);
        return Files.writeString(directory.resolve("bridge.yaml"), """
                source:
                  type: mariadb
                  host: %s
                  port: %d
                  database: %s
                  user: %s
                  password-file: password
                mongo:
                  uri: '%s'
                offsets:
                  file: offsets.dat
                http:
                  port: 0
                """.formatted(mariadb.host(), mariadb.port(), mariadb.database(), user, mongoUri));
    }
}
