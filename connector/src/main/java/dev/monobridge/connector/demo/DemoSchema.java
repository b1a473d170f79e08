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
 * The demo's legacy schema (resource {@code demo/schema.sql}, or {@code demo/schema-mariadb.sql} on
 * MariaDB) and its seed data.
 *
 * <p>The tables are {@code sport}, {@code event}, {@code market}, {@code selection}, {@code result},
 * {@code meeting}, {@code race}, {@code runner}, {@code customer} and {@code bet}, all in schema
 * {@code public}. Their names and columns are a contract: projection definitions refer to them.
 */
public final class DemoSchema {

    /** The demo's tables, parents before children. */
    static final List<String> TABLES = List.of("sport", "event", "market", "selection", "result", "meeting",
            "race", "runner", "customer", "bet");

    private DemoSchema() {
    }

    /**
     * Creates the tables, their indexes and the id sequences: on PostgreSQL in one transaction; on
     * MariaDB, where every DDL statement commits, one statement after the other.
     *
     * @param dataSource a PostgreSQL or MariaDB database without these tables; it is not idempotent
     * @throws SQLException if any statement fails; on PostgreSQL nothing is created then
     */
    public static void create(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            SqlDialect dialect = SqlDialect.of(connection);
            String script = schemaScript(dialect);
            if (dialect == SqlDialect.MARIADB) {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : statements(script)) {
                        statement.execute(sql);
                    }
                }
                return;
            }
            inTransaction(connection, () -> {
                try (Statement statement = connection.createStatement()) {
                    // The PostgreSQL driver splits a script into its statements itself.
                    statement.execute(script);
                }
            });
        }
    }

    /** The script's statements: comments dropped, split at each semicolon (the schema has none in text). */
    static List<String> statements(String script) {
        String code = script.lines().map(line -> line.contains("--") ? line.substring(0, line.indexOf("--")) : line)
                .collect(java.util.stream.Collectors.joining("\n"));
        return java.util.Arrays.stream(code.split(";")).map(String::strip).filter(sql -> !sql.isEmpty()).toList();
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
            SqlDialect dialect = SqlDialect.of(connection);
            inTransaction(connection, () -> new DemoSeeder(connection, dialect, size, new Random(seed)).seed());
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

    private static String schemaScript(SqlDialect dialect) {
        String resource = dialect.schemaResource();
        try (InputStream in = DemoSchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + resource, e);
        }
    }
}
