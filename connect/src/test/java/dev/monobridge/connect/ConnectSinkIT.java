package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import dev.monobridge.connector.bridge.EmbeddedSources;
import dev.monobridge.connector.bridge.TestDatabase;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoDeadLetters;
import dev.monobridge.projector.mongo.MongoProjectionStore;

/**
 * Debezium's PostgreSQL source connector and the Monobridge sink in one Kafka Connect cluster (a KRaft
 * broker and two workers, in this JVM), against embedded PostgreSQL and the in-process MongoDB. One
 * cluster for the class; each test has its own source database, slot, topics and MongoDB database.
 */
class ConnectSinkIT {

    private static final String PROJECTIONS_DIRECTORY = "../config/projections";
    private static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of(PROJECTIONS_DIRECTORY));
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);

    private static EmbeddedSources sources;
    private static ConnectCluster connect;
    private static MongoClient mongo;

    private TestDatabase database;
    private String name;

    @BeforeAll
    static void startServers() {
        sources = new EmbeddedSources();
        connect = new ConnectCluster();
        mongo = MongoClients.create(sources.mongoUri());
    }

    @AfterAll
    static void stopServers() {
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

    @BeforeEach
    void createSourceDatabase() throws SQLException {
        database = new TestDatabase(sources, "connect_");
        name = database.name();
    }

    @AfterEach
    void dropEverything() throws SQLException {
        for (String connector : List.of(source(), sink())) {
            if (connect.harness().connectors().contains(connector)) {
                connect.delete(connector);
            }
        }
        database.close();
    }

    private String source() {
        return name + "-source";
    }

    private String sink() {
        return name + "-sink";
    }

    private Map<String, String> sinkSettings() {
        return Map.of(SinkSettings.MONGODB_URI, sources.mongoUri(), SinkSettings.MONGODB_DATABASE, name,
                SinkSettings.PROJECTIONS_DIRECTORY, PROJECTIONS_DIRECTORY);
    }

    private void startConnectors(Map<String, String> extraSinkSettings) throws InterruptedException {
        connect.startSource(source(), database.source(PROJECTIONS), name);
        Map<String, String> settings = new java.util.HashMap<>(sinkSettings());
        settings.putAll(extraSinkSettings);
        connect.startSink(sink(), name, settings);
        connect.awaitRunning(source());
        connect.awaitRunning(sink());
    }

    private MongoDatabase target() {
        return mongo.getDatabase(name);
    }

    /** The projection time the sink's task last made durable: the oracle renders as of it. */
    private Instant projectionTime() {
        // A sink's state, its projection time included, is scoped by its connector's name.
        return MongoProjectionStore.storedProjectionTime(target(), sink()).orElse(Instant.now());
    }

    private void awaitOracle(String when) {
        OracleComparison comparison = new OracleComparison(new SqlOracle(database.dataSource()), target());
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(comparison.differences(PROJECTIONS, projectionTime())).as(when).isEmpty());
    }

    @Test
    void theSourceConnectorAndTheSinkInOneClusterConvergeToTheOracleThroughTheSnapshotAndARandomWorkload()
            throws SQLException, InterruptedException {
        DemoSchema.seed(database.dataSource(), DemoSize.small(), 21);
        startConnectors(Map.of());
        awaitOracle("after the snapshot");

        try (LoadGenerator workload = new LoadGenerator(database.dataSource(), 2000, 21)) {
            workload.runSteps(400);
            assertThat(workload.errors()).as("workload errors").isZero();
        }
        awaitOracle("after 400 random transactions");
        assertThat(new MongoDeadLetters(target()).count()).as("dead letters").isZero();
    }

    @Test
    void aWorkerStoppedMidWorkloadHandsItsTasksOverAndNothingIsLost() throws SQLException, InterruptedException {
        DemoSchema.seed(database.dataSource(), DemoSize.small(), 22);
        startConnectors(Map.of());
        awaitOracle("after the snapshot");
        WorkerHandle sinkWorker = connect.workerOf(sink());
        Date streaming = new Date();
        try (LoadGenerator workload = new LoadGenerator(database.dataSource(), 1000, 22)) {
            workload.start();
            // Stopped while the stream flows: the sink has written some of the workload's changes, not all.
            await().atMost(CONVERGENCE).until(() -> workload.changes() >= 500 && documentsWrittenSince(streaming) > 0);
            connect.harness().removeWorker(sinkWorker);
            // The survivor takes the sink (and the source, if it ran there) over while changes go on.
            connect.awaitRunning(sink());
            connect.awaitRunning(source());
            long atHandOver = workload.changes();
            await().atMost(CONVERGENCE).until(() -> workload.changes() >= atHandOver + 500);
        } finally {
            connect.harness().addWorker();
        }
        assertThat(connect.workerOf(sink())).as("the sink's worker after the hand-over").isNotEqualTo(sinkWorker);
        awaitOracle("after the sink's worker stopped mid-workload");
        assertThat(new MongoDeadLetters(target()).count()).as("dead letters").isZero();
    }

    /** Documents the sink has written since then, by the write time it records in their {@code _meta}. */
    private long documentsWrittenSince(Date since) {
        long written = 0;
        for (ProjectionDefinition projection : PROJECTIONS) {
            written += target().getCollection(projection.collection()).countDocuments(Filters.gt("_meta.writtenAt", since));
        }
        return written;
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndCollectionAndTheStreamGoesOn() throws SQLException, InterruptedException {
        DemoSchema.seed(database.dataSource(), DemoSize.tiny(), 23);
        String deadLetterTopic = name + "-dlq";
        startConnectors(Map.of("errors.tolerance", "all", "errors.deadletterqueue.topic.name", deadLetterTopic,
                "errors.deadletterqueue.topic.replication.factor", "1", "errors.deadletterqueue.context.headers.enable", "true"));
        awaitOracle("after the snapshot");

        // Well-formed JSON with a schema, so that the converter reads it, but no Debezium change event.
        connect.harness().kafka().produce(name + ".public.runner", "{\"schema\":{\"type\":\"string\"},\"payload\":\"poison\"}");
        try (LoadGenerator workload = new LoadGenerator(database.dataSource(), 2000, 23)) {
            workload.runSteps(100);
        }

        await().atMost(CONVERGENCE).until(() -> new MongoDeadLetters(target()).count() == 1);
        assertThat(new MongoDeadLetters(target()).list(1).get(0).toJson()).contains("not a Debezium change event");
        ConsumerRecords<byte[], byte[]> reported = connect.harness().kafka().consume(1, CONVERGENCE.toMillis(), deadLetterTopic);
        assertThat(reported.count()).isEqualTo(1);
        assertThat(new String(reported.iterator().next().value(), java.nio.charset.StandardCharsets.UTF_8)).contains("poison");
        awaitOracle("after the poison record and 100 transactions");
    }

    @Test
    void aBadProjectionDefinitionShowsItsFileAndLineInConnectsValidateResponse() {
        Map<String, String> config = ConnectCluster.sinkConfig(name, Map.of("name", sink(),
                SinkSettings.MONGODB_URI, "mongodb://monobridge:s3cret@localhost:27017",
                SinkSettings.MONGODB_DATABASE, name,
                SinkSettings.PROJECTIONS_YAML, "name: homepage\nteam: web\ncollection: homepage\nversion: 1\nroot:\n"
                        + "  table: public.meeting\n  key: id\n  colour: red\n  fields:\n    id: id\n"));

        ConfigInfos infos = connect.harness().validateConnectorConfig(MonobridgeSinkConnector.class.getSimpleName(), config);

        Map<String, List<String>> errors = new java.util.TreeMap<>();
        infos.configs().stream().filter(info -> !info.configValue().errors().isEmpty())
                .forEach(info -> errors.put(info.configValue().name(), info.configValue().errors()));
        assertThat(errors).containsOnlyKeys(SinkSettings.PROJECTIONS_YAML);
        assertThat(errors.get(SinkSettings.PROJECTIONS_YAML)).singleElement().asString()
                .startsWith("projections.yaml:8: unknown key 'colour'");
        assertThat(infos.errorCount()).isEqualTo(1);
        ConfigInfo uri = infos.configs().stream().filter(v -> v.configKey().name().equals(SinkSettings.MONGODB_URI))
                .findFirst().orElseThrow();
        assertThat(uri.configValue().value()).as("the password-type uri, masked").doesNotContain("s3cret");
    }
}
