package dev.monobridge.connector.bridge;

import javax.sql.DataSource;

import dev.monobridge.connector.demo.SqlDialect;

/**
 * The source database (PostgreSQL or MariaDB) and MongoDB target an integration test runs against:
 * embedded servers, or containers of the real images.
 */
public interface TestSources extends AutoCloseable {

    /** Which database the source is; PostgreSQL unless said otherwise. */
    default SqlDialect dialect() {
        return SqlDialect.POSTGRES;
    }

    /** A JDBC URL of one database on the source server. */
    default String jdbcUrl(String database) {
        return (dialect() == SqlDialect.POSTGRES ? "jdbc:postgresql://" : "jdbc:mariadb://") + host() + ":" + port() + "/" + database;
    }

    String host();

    int port();

    String database();

    String user();

    String password();

    /** A pool to the server: for PostgreSQL its default database, for MariaDB no database. */
    DataSource dataSource();

    String mongoUri();

    @Override
    void close();
}
