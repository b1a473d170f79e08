package dev.monobridge.connector.bridge;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.monobridge.connector.demo.DemoMariaDb;
import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.connector.demo.SqlDialect;

/** A real MariaDB server from Debian's packages, started from the JVM, and the in-process MongoDB wire server. */
public final class MariaDbSources implements TestSources {

    private final DemoMariaDb mariadb = DemoMariaDb.startFresh();
    private final InProcessMongo mongo = InProcessMongo.start();
    private final HikariDataSource server;

    public MariaDbSources() {
        HikariConfig config = new HikariConfig();
        config.setPoolName("test-mariadb-server");
        // No database: the tests' databases come and go under it.
        config.setJdbcUrl(jdbcUrl(""));
        config.setUsername(mariadb.user());
        config.setPassword(mariadb.password());
        config.setMaximumPoolSize(2);
        server = new HikariDataSource(config);
    }

    @Override
    public SqlDialect dialect() {
        return SqlDialect.MARIADB;
    }

    @Override
    public String host() {
        return mariadb.host();
    }

    @Override
    public int port() {
        return mariadb.port();
    }

    @Override
    public String database() {
        return mariadb.database();
    }

    @Override
    public String user() {
        return mariadb.user();
    }

    @Override
    public String password() {
        return mariadb.password();
    }

    @Override
    public DataSource dataSource() {
        return server;
    }

    @Override
    public String mongoUri() {
        return mongo.connectionString();
    }

    @Override
    public void close() {
        server.close();
        mongo.close();
        mariadb.close();
    }
}
