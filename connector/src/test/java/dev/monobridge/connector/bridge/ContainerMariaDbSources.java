package dev.monobridge.connector.bridge;

import javax.sql.DataSource;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.mongodb.MongoDBContainer;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.monobridge.connector.demo.SqlDialect;

/**
 * The real {@code mariadb:11} and {@code mongo:7} images, through Testcontainers. MariaDB runs as
 * {@code DemoMariaDb} runs Debian's: a ROW binlog with full row images, a server id, utf8mb4 with binary
 * collation, the clock in UTC. The tests log in as root.
 */
final class ContainerMariaDbSources implements TestSources {

    private static final int PORT = 3306;
    private static final String PASSWORD = "monobridge";

    @SuppressWarnings("resource")
    private final GenericContainer<?> mariadb = new GenericContainer<>("mariadb:11")
            .withEnv("MARIADB_ROOT_PASSWORD", PASSWORD)
            .withCommand("--log-bin=binlog", "--binlog-format=ROW", "--binlog-row-image=FULL", "--server-id=1",
                    "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin", "--default-time-zone=+00:00")
            .withExposedPorts(PORT)
            // The image's entrypoint starts a temporary server first, then the real one.
            .waitingFor(Wait.forLogMessage(".*ready for connections.*", 2));
    private final MongoDBContainer mongo = new MongoDBContainer("mongo:7");
    private final HikariDataSource dataSource;

    ContainerMariaDbSources() {
        mariadb.start();
        mongo.start();
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl(""));
        config.setUsername(user());
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(2);
        dataSource = new HikariDataSource(config);
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.MARIADB;
    }

    @Override
    public String host() {
        return mariadb.getHost();
    }

    @Override
    public int port() {
        return mariadb.getMappedPort(PORT);
    }

    @Override
    public String database() {
        return TestDatabase.MARIADB_DATABASE;
    }

    @Override
    public String user() {
        return "root";
    }

    @Override
    public String password() {
        return PASSWORD;
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
        mariadb.stop();
    }
}
