package dev.monobridge.connect;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.monobridge.connector.bridge.EmbeddedSources;
import dev.monobridge.connector.bridge.TestDatabase;

/**
 * What a Connect integration test runs against (register it as a static field with
 * {@code @RegisterExtension}): for the class, embedded PostgreSQL, the in-process MongoDB and one Connect
 * cluster; for each test, its own source database (slot, topics and MongoDB database named after it), and
 * afterwards its connectors deleted and the database dropped.
 */
final class ConnectServers implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final String purpose;
    private EmbeddedSources sources;
    private ConnectCluster connect;
    private MongoClient mongo;
    private TestDatabase database;

    /** @param purpose the start of each test's database name */
    ConnectServers(String purpose) {
        this.purpose = purpose;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sources = new EmbeddedSources();
        connect = new ConnectCluster();
        mongo = MongoClients.create(sources.mongoUri());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (connect != null) {
            connect.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (sources != null) {
            sources.close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException {
        database = new TestDatabase(sources, purpose);
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException {
        for (String connector : List.of(source(), sink())) {
            if (connect.harness().connectors().contains(connector)) {
                connect.delete(connector);
            }
        }
        database.close();
    }

    EmbeddedSources sources() {
        return sources;
    }

    ConnectCluster connect() {
        return connect;
    }

    MongoClient mongo() {
        return mongo;
    }

    /** This test's source database. */
    TestDatabase database() {
        return database;
    }

    /** This test's name for its slot, its topics' prefix and its MongoDB database: its database's. */
    String name() {
        return database.name();
    }

    /** This test's source connector. */
    String source() {
        return name() + "-source";
    }

    /** This test's sink connector. */
    String sink() {
        return name() + "-sink";
    }
}
