package dev.monobridge.connector.bridge;

import javax.sql.DataSource;

/**
 * The PostgreSQL source and MongoDB target an integration test runs against: embedded servers, or
 * containers of the real images.
 */
public interface TestSources extends AutoCloseable {

    String host();

    int port();

    String database();

    String user();

    String password();

    DataSource dataSource();

    String mongoUri();

    @Override
    void close();
}
