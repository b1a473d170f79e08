package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.demo.DemoPostgres;

/**
 * What would stop capture on a real PostgreSQL, found by {@code validate} and by {@code run} before the
 * engine starts, each as one line with the SQL that fixes it: a role without REPLICATION, without SELECT,
 * without CREATE on the database for the publication, and a publication without a captured table. Each
 * test has its own non-superuser role and schema, made by the superuser.
 */
class SetupChecksIT {

    private static final String PASSWORD = "walkthrough-secret";

    private static DemoPostgres postgres;

    @TempDir
    Path directory;

    @BeforeAll
    static void startPostgres() {
        postgres = DemoPostgres.startFresh();
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aRoleWithoutReplicationIsReportedByValidateAndStopsRunBeforeTheEngineStarts() throws Exception {
        schemaAndRole("norepl", "LOGIN", "grant usage on schema norepl to norepl; grant select on norepl.orders to norepl;"
                + " create publication norepl for table norepl.orders;");
        Path config = bridgeYaml("norepl", "disabled");

        for (String command : new String[] {"validate", "run"}) {
            CommandRun.Result result = CommandRun.run(command, "--config", config.toString());

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ErrorHandler.CONFIG_ERROR);
            assertThat(result.hasStackTrace()).as(result.all()).isFalse();
            assertThat(result.err()).as(result.all())
                    .contains("  role norepl has no REPLICATION attribute: ALTER ROLE norepl REPLICATION;");
        }
    }

    @Test
    void aRoleWithoutSelectOnACapturedTableGetsTheGrant() throws Exception {
        schemaAndRole("nosel", "LOGIN REPLICATION", "grant usage on schema nosel to nosel; create publication nosel for table nosel.orders;");

        CommandRun.Result result = CommandRun.run("validate", "--config", bridgeYaml("nosel", "disabled").toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ErrorHandler.CONFIG_ERROR);
        assertThat(result.hasStackTrace()).as(result.all()).isFalse();
        assertThat(result.errLines()).as(result.all())
                .containsExactly("1 setup problem on the source nosel at " + postgres.jdbcUrl() + ":",
                        "  role nosel cannot read nosel.orders: GRANT SELECT ON nosel.orders TO nosel;");
    }

    @Test
    void aRoleOwningTheTablesButWithoutCreateOnTheDatabaseCannotCreateThePublicationAndRunSaysSoWithoutATrace() throws Exception {
        schemaAndRole("nocreate", "LOGIN REPLICATION", "alter schema nocreate owner to nocreate; alter table nocreate.orders owner to nocreate;");
        Path config = bridgeYaml("nocreate", "filtered");

        for (String command : new String[] {"validate", "run"}) {
            CommandRun.Result result = CommandRun.run(command, "--config", config.toString());

            assertThat(result.exitCode()).as(result.all()).isEqualTo(ErrorHandler.CONFIG_ERROR);
            assertThat(result.hasStackTrace()).as(result.all()).isFalse();
            assertThat(result.err()).as(result.all()).contains("  role nocreate cannot create publication nocreate: it has no CREATE on "
                    + "database " + postgres.database() + ": GRANT CREATE ON DATABASE " + postgres.database() + " TO nocreate;");
        }
    }

    @Test
    void aPublicationWithoutACapturedTableNamesTheMissingTable() throws Exception {
        schemaAndRole("nopub", "LOGIN REPLICATION", "create table nopub.notes (id integer primary key, order_id integer, note text);"
                + " grant usage on schema nopub to nopub; grant select on all tables in schema nopub to nopub;"
                + " create publication nopub for table nopub.orders;");
        Files.writeString(directory.resolve("projections").resolve("notes.yaml"), """
                name: notes
                team: shop
                collection: notes
                version: 1
                root:
                  table: nopub.notes
                  key: id
                  fields: [note]
                """);

        CommandRun.Result result = CommandRun.run("validate", "--config", bridgeYaml("nopub", "disabled").toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ErrorHandler.CONFIG_ERROR);
        assertThat(result.hasStackTrace()).as(result.all()).isFalse();
        assertThat(result.err()).as(result.all()).contains("  publication nopub does not include nopub.notes: as the owner of the "
                + "publication and the tables, ALTER PUBLICATION nopub ADD TABLE nopub.notes;");
    }

    /** A schema, its orders table and a role, all named {@code name}, made by the superuser; then {@code grants}. */
    private void schemaAndRole(String name, String attributes, String grants) throws SQLException, IOException {
        try (Connection connection = postgres.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("create role " + name + " " + attributes + " password '" + PASSWORD + "'");
            sql.execute("create schema " + name);
            sql.execute("create table " + name + ".orders (id integer primary key, purchaser integer, quantity integer)");
            sql.execute(grants);
        }
        Path projections = Files.createDirectories(directory.resolve("projections"));
        Files.writeString(projections.resolve("orders.yaml"), """
                name: orders
                team: shop
                collection: orders
                version: 1
                root:
                  table: %s.orders
                  key: id
                  fields: [purchaser, quantity]
                """.formatted(name));
    }

    /** A bridge.yaml beside the projections folder, for the role {@code name}, its own slot and publication. */
    private Path bridgeYaml(String name, String autocreate) throws IOException {
        Files.writeString(directory.resolve("password"), PASSWORD);
        return Files.writeString(directory.resolve("bridge.yaml"), """
                source:
                  host: %s
                  port: %d
                  database: %s
                  user: %s
                  password-file: password
                  slot: %s
                  publication: %s
                  publication-autocreate: %s
                mongo:
                  uri: mongodb://127.0.0.1:1
                offsets:
                  file: offsets.dat
                http:
                  port: 0
                """.formatted(postgres.host(), postgres.port(), postgres.database(), name, name, name, autocreate));
    }
}
