package dev.monobridge.connector.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.bson.BsonDocument;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.bridge.BridgeOptions;
import dev.monobridge.connector.bridge.TestDatabase;
import dev.monobridge.connector.bridge.TestSources;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/**
 * A bridge under test, for fault tests: servers for the class (register it as a static field with
 * {@code @RegisterExtension}), and for each test its own source database with the demo schema, a work
 * folder for the offsets file, and a bridge that is stopped after the test. The oracle and raw reads go
 * straight to MongoDB, never through whatever the test puts between the bridge and MongoDB.
 */
final class BridgeFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of("../config/projections"));
    /** Long enough for the snapshot of a small demo database and a backlog after a fault, on two busy cores. */
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);

    private final Supplier<? extends TestSources> servers;
    private TestSources sources;
    private MongoClient mongo;
    private TestDatabase database;
    private Path work;
    private Bridge bridge;

    BridgeFixture(Supplier<? extends TestSources> servers) {
        this.servers = servers;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        sources = servers.get();
        mongo = MongoClients.create(sources.mongoUri());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        mongo.close();
        sources.close();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws SQLException, IOException {
        String test = context.getRequiredTestMethod().getName().toLowerCase(java.util.Locale.ROOT);
        database = new TestDatabase(sources, "fault_" + test.substring(0, Math.min(test.length(), 12)) + "_");
        work = Files.createTempDirectory("monobridge-fault-");
    }

    @Override
    public void afterEach(ExtensionContext context) throws SQLException, IOException {
        try {
            stop();
        } finally {
            database.close();
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    TestSources sources() {
        return sources;
    }

    TestDatabase database() {
        return database;
    }

    DataSource source() {
        return database.dataSource();
    }

    void execute(String... statements) throws SQLException {
        database.execute(statements);
    }

    Path offsetsFile() {
        return work.resolve("offsets.dat");
    }

    /** Starts the bridge on the servers' own MongoDB. */
    Bridge start() {
        return start(sources.mongoUri());
    }

    /** Starts the bridge on the given MongoDB URI (a proxy, say), with this test's database and offsets. */
    Bridge start(String mongoUri) {
        assertThat(bridge).as("a bridge already runs").isNull();
        bridge = Bridge.start(new BridgeOptions(database.source(PROJECTIONS), mongoUri, database.name(), offsetsFile(),
                Duration.ofMillis(100), PROJECTIONS, Duration.ofHours(1)));
        return bridge;
    }

    Bridge bridge() {
        return bridge;
    }

    void stop() {
        if (bridge != null) {
            bridge.close();
            bridge = null;
        }
    }

    /** MongoDB's database for this test, reached directly. */
    MongoDatabase documents() {
        return mongo.getDatabase(database.name());
    }

    /** Waits until every document equals the oracle as of the bridge's projection time: 0 differences. */
    void awaitOracle(String what) {
        OracleComparison oracle = new OracleComparison(new SqlOracle(source()), documents());
        await(what).atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(oracle.differences(PROJECTIONS, bridge.projectionTime())).as(what).isEmpty());
    }

    /** Every document as extended JSON, by collection and id, without the one field a rewrite of equal content changes. */
    Map<String, String> rawDocuments() {
        Map<String, String> documents = new TreeMap<>();
        for (ProjectionDefinition projection : PROJECTIONS) {
            for (BsonDocument document : documents().getCollection(projection.collection(), BsonDocument.class).find()) {
                document.getDocument("_meta").remove("writtenAt");
                documents.put(projection.collection() + "/" + document.get("_id"), document.toJson());
            }
        }
        return documents;
    }

    /** The offsets file's bytes, or an empty array while it does not exist. */
    byte[] offsets() {
        try {
            return Files.exists(offsetsFile()) ? Files.readAllBytes(offsetsFile()) : new byte[0];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
