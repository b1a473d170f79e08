package dev.monobridge.connector.demo;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Separate databases in one demo server, so that tests start from their own data without paying for
 * an initdb each (a new database takes about a tenth of the time).
 */
final class TestDatabases {

    private static final AtomicInteger NEXT = new AtomicInteger();

    private TestDatabases() {
    }

    /** A pool on a new, empty database; close it when done. */
    static HikariDataSource create(DemoPostgres postgres) throws SQLException {
        String name = "test_" + NEXT.incrementAndGet();
        execute(postgres.dataSource(), "create database " + name);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + name);
        config.setUsername(postgres.user());
        config.setPassword(postgres.password());
        config.setMaximumPoolSize(2);
        config.setPoolName(name);
        return new HikariDataSource(config);
    }

    /** A new database with the demo schema, seeded. */
    static HikariDataSource seeded(DemoPostgres postgres, DemoSize size, long seed) throws SQLException {
        HikariDataSource dataSource = create(postgres);
        DemoSchema.create(dataSource);
        DemoSchema.seed(dataSource, size, seed);
        return dataSource;
    }

    static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static long count(DataSource dataSource, String sql) throws SQLException {
        return ((Number) rows(dataSource, sql).get(0).get(0)).longValue();
    }

    /** Every row of a query, as lists of column values: easy to compare as a whole. */
    static List<List<Object>> rows(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            List<List<Object>> rows = new ArrayList<>();
            while (rs.next()) {
                List<Object> row = new ArrayList<>(columns);
                for (int i = 1; i <= columns; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
