package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.projector.mongo.MongoDeadLetters;

/** The task against the in-process MongoDB server, fed records by hand as a worker would. */
class MonobridgeSinkTaskTest {

    private static final TopicPartition RUNNER = new TopicPartition("monobridge.public.runner", 0);

    private InProcessMongo mongo;
    private MongoClient client;
    private final MonobridgeSinkTask task = new MonobridgeSinkTask();

    @BeforeEach
    void start() {
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.connectionString());
        Map<String, String> config = new HashMap<>();
        config.put(SinkSettings.MONGODB_URI, mongo.connectionString());
        config.put(SinkSettings.MONGODB_DATABASE, "sink_task");
        config.put(SinkSettings.PROJECTIONS_DIRECTORY, MonobridgeSinkConnectorTest.PROJECTIONS);
        task.initialize(new TestSinkTaskContext(config));
        task.start(config);
    }

    @AfterEach
    void stop() {
        task.stop();
        client.close();
        mongo.close();
    }

    @Test
    void aPoisonRecordBecomesADeadLetterWithItsKafkaOriginAndTheStreamGoesOn() {
        task.put(List.of(new SinkRecord(RUNNER.topic(), 0, null, null, null, "not a change event", 41)));

        List<BsonDocument> letters = new MongoDeadLetters(client.getDatabase("sink_task")).list(10);
        assertThat(letters).singleElement().satisfies(letter -> assertThat(letter.toJson())
                .contains("not a Debezium change event").contains("monobridge.public.runner-0 offset 41"));
        assertThat(task.preCommit(Map.of(RUNNER, new OffsetAndMetadata(42)))).containsEntry(RUNNER, new OffsetAndMetadata(42));
    }

    @Test
    void nothingIsOfferedForCommitBeforeABatchIsAcknowledged() {
        assertThat(task.preCommit(Map.of(RUNNER, new OffsetAndMetadata(42)))).isEmpty();
    }

    @Test
    void aTombstoneIsNothingToProjectButItsOffsetIsCommitted() {
        task.put(List.of(new SinkRecord(RUNNER.topic(), 0, null, null, null, null, 7)));

        assertThat(new MongoDeadLetters(client.getDatabase("sink_task")).count()).isZero();
        assertThat(task.preCommit(Map.of(RUNNER, new OffsetAndMetadata(8)))).containsEntry(RUNNER, new OffsetAndMetadata(8));
    }
}
