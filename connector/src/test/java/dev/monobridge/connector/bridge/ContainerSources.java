package dev.monobridge.connector.bridge;

import javax.sql.DataSource;

import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The real {@code postgres:16} and {@code mongo:7} images, through Testcontainers. */
final class ContainerSources implements TestSources {

    private final PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:16")
            .withCommand("postgres", "-c", "wal_level=logical", "-c", "max_replication_slots=10", "-c", "max_wal_senders=10");
    // A replica set, as in production: the container starts a single-node one.
    private final MongoDBContainer mongo = new MongoDBContainer("mongo:7");
    private final HikariDataSource dataSource;

    ContainerSources() {
        postgres.start();
        mongo.start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(postgres.getJdbcUrl());
        config.setUsername(postgres.getUsername());
        config.setPassword(postgres.getPassword());
        config.setMaximumPoolSize(4);
        dataSource = new HikariDataSource(config);
    }

    @Override
    public String host() {
        return postgres.getHost();
    }

    @Override
    public int port() {
        return postgres.getMappedPort(5432);
    }

    @Override
    public String database() {
        return postgres.getDatabaseName();
    }

    @Override
    public String user() {
        return postgres.getUsername();
    }

    @Override
    public String password() {
        return postgres.getPassword();
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String mongoUri() {
        return mongo.getConnectionString();
    }

    @Override
    public void close() {
        dataSource.close();
        mongo.stop();
        postgres.stop();
    }
}
