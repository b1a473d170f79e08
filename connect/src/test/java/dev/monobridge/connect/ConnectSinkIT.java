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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

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

    @RegisterExtension
    static final ConnectServers SERVERS = new ConnectServers("connect_");

    private static final String PROJECTIONS_DIRECTORY = "../config/projections";
    private static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of(PROJECTIONS_DIRECTORY));
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);


    private Map<String, String> sinkSettings() {
        return Map.of(SinkSettings.MONGODB_URI, SERVERS.sources().mongoUri(), SinkSettings.MONGODB_DATABASE, SERVERS.name(),
                SinkSettings.PROJECTIONS_DIRECTORY, PROJECTIONS_DIRECTORY);
    }

    private void startConnectors(Map<String, String> extraSinkSettings) throws InterruptedException {
        SERVERS.connect().startSource(SERVERS.source(), SERVERS.database().source(PROJECTIONS), SERVERS.name());
        Map<String, String> settings = new java.util.HashMap<>(sinkSettings());
        settings.putAll(extraSinkSettings);
        SERVERS.connect().startSink(SERVERS.sink(), SERVERS.name(), settings);
        SERVERS.connect().awaitRunning(SERVERS.source());
        SERVERS.connect().awaitRunning(SERVERS.sink());
    }

    private MongoDatabase target() {
        return SERVERS.mongo().getDatabase(SERVERS.name());
    }

    /** The projection time the sink's task last made durable: the oracle renders as of it. */
    private Instant projectionTime() {
        // A sink's state, its projection time included, is scoped by its connector's name.
        return MongoProjectionStore.storedProjectionTime(target(), SERVERS.sink()).orElse(Instant.now());
    }

    private void awaitOracle(String when) {
        OracleComparison comparison = new OracleComparison(new SqlOracle(SERVERS.database().dataSource()), target());
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(comparison.differences(PROJECTIONS, projectionTime())).as(when).isEmpty());
    }

    @Test
    void theSourceConnectorAndTheSinkInOneClusterConvergeToTheOracleThroughTheSnapshotAndARandomWorkload()
            throws SQLException, InterruptedException {
        DemoSchema.seed(SERVERS.database().dataSource(), DemoSize.small(), 21);
        startConnectors(Map.of());
        awaitOracle("after the snapshot");

        try (LoadGenerator workload = new LoadGenerator(SERVERS.database().dataSource(), 2000, 21)) {
            workload.runSteps(400);
            assertThat(workload.errors()).as("workload errors").isZero();
        }
        awaitOracle("after 400 random transactions");
        assertThat(new MongoDeadLetters(target()).count()).as("dead letters").isZero();
    }

    @Test
    void aWorkerStoppedMidWorkloadHandsItsTasksOverAndNothingIsLost() throws SQLException, InterruptedException {
        DemoSchema.seed(SERVERS.database().dataSource(), DemoSize.small(), 22);
        startConnectors(Map.of("connector.class", CountingSinkConnector.class.getName()));
        awaitOracle("after the snapshot");
        WorkerHandle sinkWorker = SERVERS.connect().workerOf(SERVERS.sink());
        Date streaming = new Date();
        try (LoadGenerator workload = new LoadGenerator(SERVERS.database().dataSource(), 1000, 22)) {
            workload.start();
            // Stopped while the stream flows: the sink has written some of the workload's changes, not all.
            await().atMost(CONVERGENCE).until(() -> workload.changes() >= 500 && documentsWrittenSince(streaming) > 0);
            SERVERS.connect().harness().removeWorker(sinkWorker);
            // The survivor takes the sink (and the source, if it ran there) over while changes go on.
            SERVERS.connect().awaitRunning(SERVERS.sink());
            SERVERS.connect().awaitRunning(SERVERS.source());
            long atHandOver = workload.changes();
            await().atMost(CONVERGENCE).until(() -> workload.changes() >= atHandOver + 500);
        } finally {
            SERVERS.connect().harness().addWorker();
        }
        assertThat(SERVERS.connect().workerOf(SERVERS.sink())).as("the sink's worker after the hand-over").isNotEqualTo(sinkWorker);
        awaitOracle("after the sink's worker stopped mid-workload");
        assertThat(new MongoDeadLetters(target()).count()).as("dead letters").isZero();
        CountingSinkTask.Deliveries deliveries = CountingSinkTask.of(SERVERS.sink());
        // Delivered twice: what the stopped worker's task had projected past the offsets Connect last committed.
        System.out.printf("ConnectSinkIT: a worker stopped mid-workload: %,d of %,d records delivered twice%n",
                deliveries.deliveredTwice(), deliveries.distinct());
        assertThat(deliveries.distinct()).as("records the sink acknowledged").isPositive();
        assertThat(deliveries.deliveredTwice()).as("records delivered twice").isBetween(0L, deliveries.distinct());
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
        DemoSchema.seed(SERVERS.database().dataSource(), DemoSize.tiny(), 23);
        String deadLetterTopic = SERVERS.name() + "-dlq";
        startConnectors(Map.of("errors.tolerance", "all", "errors.deadletterqueue.topic.name", deadLetterTopic,
                "errors.deadletterqueue.topic.replication.factor", "1", "errors.deadletterqueue.context.headers.enable", "true"));
        awaitOracle("after the snapshot");

        // Well-formed JSON with a schema, so that the converter reads it, but no Debezium change event.
        SERVERS.connect().harness().kafka().produce(SERVERS.name() + ".public.runner", "{\"schema\":{\"type\":\"string\"},\"payload\":\"poison\"}");
        try (LoadGenerator workload = new LoadGenerator(SERVERS.database().dataSource(), 2000, 23)) {
            workload.runSteps(100);
        }

        await().atMost(CONVERGENCE).until(() -> new MongoDeadLetters(target()).count() == 1);
        assertThat(new MongoDeadLetters(target()).list(1).get(0).toJson()).contains("not a Debezium change event");
        ConsumerRecords<byte[], byte[]> reported = SERVERS.connect().harness().kafka().consume(1, CONVERGENCE.toMillis(), deadLetterTopic);
        assertThat(reported.count()).isEqualTo(1);
        assertThat(new String(reported.iterator().next().value(), java.nio.charset.StandardCharsets.UTF_8)).contains("poison");
        awaitOracle("after the poison record and 100 transactions");
    }

    @Test
    void aBadProjectionDefinitionShowsItsFileAndLineInConnectsValidateResponse() {
        Map<String, String> config = ConnectCluster.sinkConfig(SERVERS.name(), Map.of("name", SERVERS.sink(),
                SinkSettings.MONGODB_URI, "mongodb://monobridge:s3cret@localhost:27017",
                SinkSettings.MONGODB_DATABASE, SERVERS.name(),
                SinkSettings.PROJECTIONS_YAML, "name: homepage\nteam: web\ncollection: homepage\nversion: 1\nroot:\n"
                        + "  table: public.meeting\n  key: id\n  colour: red\n  fields:\n    id: id\n"));

        ConfigInfos infos = SERVERS.connect().harness().validateConnectorConfig(MonobridgeSinkConnector.class.getSimpleName(), config);

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
