package dev.monobridge.connector.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The demo's legacy schema (resource {@code demo/schema.sql}) and its seed data.
 *
 * <p>The tables are {@code sport}, {@code event}, {@code market}, {@code selection}, {@code result},
 * {@code meeting}, {@code race}, {@code runner}, {@code customer} and {@code bet}, all in schema
 * {@code public}. Their names and columns are a contract: projection definitions refer to them.
 */
public final class DemoSchema {

    /** The demo's tables, parents before children. */
    static final List<String> TABLES = List.of("sport", "event", "market", "selection", "result", "meeting",
            "race", "runner", "customer", "bet");

    private static final String SCHEMA_RESOURCE = "/demo/schema.sql";

    private DemoSchema() {
    }

    /**
     * Creates the tables, their indexes and the id sequences, in one transaction.
     *
     * @param dataSource a database without these tables; it is not idempotent
     * @throws SQLException if any statement fails; nothing is created then
     */
    public static void create(DataSource dataSource) throws SQLException {
        String script = schemaScript();
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> {
                try (Statement statement = connection.createStatement()) {
                    // The PostgreSQL driver splits a script into its statements itself.
                    statement.execute(script);
                }
            });
        }
    }

    /**
     * Writes a realistic day's data, in one transaction: sports and events (some finished and settled,
     * some live, most scheduled), today's race meetings (early races resulted, one or two off, the rest
     * open), and customers with bets on the events. Times are relative to the database's {@code now()}.
     * The same seed and size give the same rows, apart from those times. Afterwards every id sequence
     * continues after its table's largest id.
     *
     * @param dataSource a database with empty demo tables, made by {@link #create}
     * @param size how many rows of each kind
     * @param seed the seed of the random choices (names, prices, winners)
     * @throws SQLException if any insert fails; nothing is written then
     */
    public static void seed(DataSource dataSource, DemoSize size, long seed) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            inTransaction(connection, () -> new DemoSeeder(connection, size, new Random(seed)).seed());
        }
    }

    private interface Work {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection connection, Work work) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static String schemaScript() {
        try (InputStream in = DemoSchema.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + SCHEMA_RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + SCHEMA_RESOURCE, e);
        }
    }
}
