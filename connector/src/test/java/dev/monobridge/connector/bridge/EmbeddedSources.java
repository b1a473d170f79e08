package dev.monobridge.connector.bridge;

import javax.sql.DataSource;

import dev.monobridge.connector.demo.DemoPostgres;
import dev.monobridge.connector.demo.InProcessMongo;

/** Real PostgreSQL binaries started in-process, and the in-process MongoDB wire server. */
public final class EmbeddedSources implements TestSources {

    private final DemoPostgres postgres = DemoPostgres.startFresh();
    private final InProcessMongo mongo = InProcessMongo.start();

    @Override
    public String host() {
        return postgres.host();
    }

    @Override
    public int port() {
        return postgres.port();
    }

    @Override
    public String database() {
        return postgres.database();
    }

    @Override
    public String user() {
        return postgres.user();
    }

    @Override
    public String password() {
        return postgres.password();
    }

    @Override
    public DataSource dataSource() {
        return postgres.dataSource();
    }

    @Override
    public String mongoUri() {
        return mongo.connectionString();
    }

    @Override
    public void close() {
        mongo.close();
        postgres.close();
    }
}
