package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoTrails;

/**
 * P10 through the sink task: during a rebalance the task that lost a partition (a zombie) may still be
 * writing the batch it was given while its successor, a task of the same connector, re-reads from the
 * committed offsets. The zombie's older batch must not overwrite what the successor wrote.
 */
class ZombieSinkTaskTest {

    private static final String DEFINITION = """
            name: meetings
            team: racing-web
            collection: meetings
            version: 1
            root:
              table: public.meeting
              key: id
              fields:
                id: id
                venue: venue
              lists:
                races:
                  table: public.race
                  key: id
                  parent-key: meeting_id
                  fields:
                    id: id
                    name: name
                  order-by: [id]
                  max-items: 20
            """;
    private static final Schema MEETING = SchemaBuilder.struct().optional()
            .field("id", Schema.INT64_SCHEMA).field("venue", Schema.STRING_SCHEMA).build();
    private static final Schema RACE = SchemaBuilder.struct().optional()
            .field("id", Schema.INT64_SCHEMA).field("meeting_id", Schema.INT64_SCHEMA).field("name", Schema.STRING_SCHEMA).build();

    private final DebeziumRecords records = new DebeziumRecords("monobridge");
    private final MonobridgeSinkTask zombie = new MonobridgeSinkTask();
    private final MonobridgeSinkTask successor = new MonobridgeSinkTask();
    private final Map<String, String> config = new HashMap<>();
    private InProcessMongo mongo;
    private MongoClient client;

    @BeforeEach
    void start() {
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.connectionString());
        config.put("name", "meetings-sink");
        config.put(SinkSettings.MONGODB_URI, mongo.connectionString());
        config.put(SinkSettings.MONGODB_DATABASE, "zombies");
        config.put(SinkSettings.PROJECTIONS_YAML, DEFINITION);
        zombie.initialize(new TestSinkTaskContext(config));
        zombie.start(config);
    }

    @AfterEach
    void stop() {
        zombie.stop();
        successor.stop();
        client.close();
        mongo.close();
    }

    @Test
    void aZombieTasksOlderBatchAfterItsSuccessorsNewerOneIsRefused() {
        zombie.put(List.of(records.streamed("meeting", MEETING, "c", meeting(), 100, 90, 0)));
        zombie.put(List.of(records.streamed("race", RACE, "c", race("Juvenile Hurdle"), 200, 190, 0)));

        // The race partition moves to the successor, which re-reads it from the committed offset: N, then N+1.
        successor.initialize(new TestSinkTaskContext(config));
        successor.start(config);
        successor.put(List.of(records.streamed("race", RACE, "u", race("King George VI Chase"), 300, 290, 1)));
        successor.put(List.of(records.streamed("race", RACE, "u", race("Christmas Hurdle"), 400, 390, 2)));
        // The zombie, paused in the middle of batch N, goes on.
        zombie.put(List.of(records.streamed("race", RACE, "u", race("King George VI Chase"), 300, 290, 1)));

        BsonDocument meeting = client.getDatabase("zombies").getCollection("meetings", BsonDocument.class)
                .find(Filters.eq("_id", 1L)).first();
        assertThat(meeting.getArray("races").get(0).asDocument().getString("name").getValue())
                .as("N+1's name is kept").isEqualTo("Christmas Hurdle");
    }

    @Test
    void theSinksTrailSaysTheZombiesRefusedWriteWasSupersededByANewerVersion() {
        zombie.put(List.of(records.streamed("meeting", MEETING, "c", meeting(), 100, 90, 0)));
        zombie.put(List.of(records.streamed("race", RACE, "c", race("Juvenile Hurdle"), 200, 190, 0)));
        successor.initialize(new TestSinkTaskContext(config));
        successor.start(config);
        successor.put(List.of(records.streamed("race", RACE, "u", race("Christmas Hurdle"), 400, 390, 1)));

        zombie.put(List.of(records.streamed("race", RACE, "u", race("King George VI Chase"), 300, 290, 1)));

        BsonDocument trace = new MongoTrails(client.getDatabase("zombies"))
                .document(new ProjectionDefinitionReader().readText("meetings.yaml", DEFINITION), "1").orElseThrow();
        assertThat(trace.getArray("trail")).extracting(e -> e.asDocument().getString("outcome").getValue())
                .as("newest first: the zombie's late write, the successor's, the zombie's two")
                .containsExactly("no change: a newer version was stored", "wrote", "wrote", "wrote");
    }

    private static Struct meeting() {
        return new Struct(MEETING).put("id", 1L).put("venue", "Kempton");
    }

    private static Struct race(String name) {
        return new Struct(RACE).put("id", 10L).put("meeting_id", 1L).put("name", name);
    }
}
