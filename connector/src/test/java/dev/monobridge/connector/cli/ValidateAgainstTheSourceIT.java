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
 * {@code monobridge validate} against a real PostgreSQL, on a schema of a user's own (the shape of
 * Debezium's inventory tutorial): what only the source knows, column names and types, is checked, each
 * problem at the line that names it, with a "did you mean" for a misspelled column.
 */
class ValidateAgainstTheSourceIT {

    private static DemoPostgres postgres;

    @TempDir
    Path directory;

    @BeforeAll
    static void startPostgres() throws SQLException {
        postgres = DemoPostgres.startFresh();
        try (Connection connection = postgres.dataSource().getConnection(); Statement sql = connection.createStatement()) {
            sql.execute("create schema inventory");
            sql.execute("create table inventory.orders (id integer primary key, order_date date, purchaser integer, "
                    + "quantity integer, product_id integer)");
            sql.execute("create table inventory.order_notes (id integer primary key, order_ref varchar(20), note text)");
        }
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void aMisspelledTableGetsADidYouMeanFromTheTablesTheSourceHas() throws IOException {
        Path projections = Files.createDirectories(directory.resolve("projections"));
        Path definition = Files.writeString(projections.resolve("orders.yaml"), """
                name: orders
                team: shop
                collection: orders
                version: 1
                root:
                  table: inventory.order
                  key: id
                  fields: [order_date, quantity]
                """);
        CommandRun.Result result = CommandRun.run("validate", "--config", bridgeYaml().toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ErrorHandler.CONFIG_ERROR);
        assertThat(result.hasStackTrace()).as(result.all()).isFalse();
        assertThat(result.err()).as(result.all()).contains(definition + ":6:").contains("did you mean 'inventory.orders'?");
    }

    @Test
    void aMisspelledOrderByColumnAndAParentKeyOfAnotherTypeAreReportedAtTheirLines() throws IOException {
        Path projections = Files.createDirectories(directory.resolve("projections"));
        Path definition = Files.writeString(projections.resolve("orders.yaml"), """
                name: orders
                team: shop
                collection: orders
                version: 1
                root:
                  table: inventory.orders
                  key: id
                  fields: [order_date, quantity]
                  lists:
                    notes:
                      table: inventory.order_notes
                      key: id
                      parent-key: order_ref
                      fields: [note]
                      order-by:
                        - nte asc
                      max-items: 10
                """);

        CommandRun.Result result = CommandRun.run("validate", "--config", bridgeYaml().toString());

        assertThat(result.exitCode()).as(result.all()).isEqualTo(ErrorHandler.CONFIG_ERROR);
        assertThat(result.hasStackTrace()).as(result.all()).isFalse();
        assertThat(result.err()).as(result.all())
                .contains(definition + ":16: order-by column 'nte' does not exist in inventory.order_notes (did you mean 'note'?)")
                .contains(definition + ":13: parent-key 'order_ref' of list 'notes' is varchar, but the key 'id' of its parent "
                        + "inventory.orders is int4: a list's parent key holds its parent's key; a many-to-one reference");
    }

    /** A bridge.yaml beside the projections folder, pointing at the test's PostgreSQL. */
    private Path bridgeYaml() throws IOException {
        Files.writeString(directory.resolve("password"), postgres.password());
        return Files.writeString(directory.resolve("bridge.yaml"), """
                source:
                  host: %s
                  port: %d
                  database: %s
                  user: %s
                  password-file: password
                mongo:
                  uri: mongodb://127.0.0.1:1
                """.formatted(postgres.host(), postgres.port(), postgres.database(), postgres.user()));
    }
}
