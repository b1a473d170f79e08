package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import dev.monobridge.connector.demo.InProcessMongo;

/**
 * Topics have no order relative to each other; each table's topic keeps its own. Whatever the
 * interleaving, the documents must end as the source's order gives them. In particular the snapshot's
 * last record, on one table's topic, may be consumed while another table's snapshot records are still
 * in flight: it must not remove that table's rows, or they would be gone for good (a row removed at the
 * snapshot's position refuses the snapshot's own read of it, which carries the same position).
 */
class TopicOrderTest {

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
    private final MonobridgeSinkTask task = new MonobridgeSinkTask();
    private InProcessMongo mongo;
    private MongoClient client;

    @BeforeEach
    void start() {
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.connectionString());
        Map<String, String> config = new HashMap<>();
        config.put(SinkSettings.MONGODB_URI, mongo.connectionString());
        config.put(SinkSettings.MONGODB_DATABASE, "snapshot_ends");
        config.put(SinkSettings.PROJECTIONS_YAML, DEFINITION);
        task.initialize(new TestSinkTaskContext(config));
        task.start(config);
    }

    @AfterEach
    void stop() {
        task.stop();
        client.close();
        mongo.close();
    }

    private static Struct meeting(long id) {
        return new Struct(MEETING).put("id", id).put("venue", "Kempton");
    }

    private static Struct race(long id, long meeting) {
        return new Struct(RACE).put("id", id).put("meeting_id", meeting).put("name", "King George VI Chase");
    }

    @Test
    void theSnapshotsLastMarkOnOneTopicKeepsTheRowsOfATableWhoseSnapshotIsStillInFlight() {
        // A first snapshot, at LSN 100: the race table's topic ends it.
        task.put(List.of(records.read("meeting", MEETING, meeting(1), 100, "first", 0)));
        task.put(List.of(records.read("race", RACE, race(10, 1), 100, "last", 0)));
        assertThat(races(1)).as("after the first snapshot").contains("King George VI Chase");

        // The snapshot taken again, at LSN 200, races first and meetings last. Kafka hands over the
        // meeting topic's last mark before the race topic's record of the same snapshot.
        task.put(List.of(records.read("meeting", MEETING, meeting(1), 200, "last", 1)));
        task.put(List.of(records.read("race", RACE, race(10, 1), 200, "last_in_data_collection", 1)));

        assertThat(races(1)).as("after the second snapshot, its race read after the meeting's last mark")
                .contains("King George VI Chase");
    }

    /** Source order: meeting 1 (commit 200), race 10 in it (300), race 11 in it (500), meeting 2 (550), meeting 1 deleted (600). */
    private List<SinkRecord> meetingTopic() {
        return List.of(records.streamed("meeting", MEETING, "c", meeting(1), 200, 190, 0),
                records.streamed("meeting", MEETING, "c", meeting(2), 550, 540, 1),
                records.streamed("meeting", MEETING, "d", meeting(1), 600, 590, 2));
    }

    private List<SinkRecord> raceTopic() {
        return List.of(records.streamed("race", RACE, "c", race(10, 1), 300, 290, 0),
                records.streamed("race", RACE, "c", race(11, 1), 500, 490, 1));
    }

    @Test
    void childrenBeforeTheirParentConvergeAsInSourceOrder() {
        task.put(raceTopic());
        task.put(meetingTopic());

        assertSourceOrdersOutcome();
    }

    @Test
    void aParentsDeleteBeforeItsChildrensInsertsConvergesAsInSourceOrder() {
        task.put(meetingTopic());
        task.put(raceTopic());

        assertSourceOrdersOutcome();
    }

    private void assertSourceOrdersOutcome() {
        assertThat(client.getDatabase("snapshot_ends").getCollection("meetings").countDocuments(Filters.eq("_id", 1L)))
                .as("meeting 1's document, deleted last").isZero();
        assertThat(races(2)).as("meeting 2 has no races").isEqualTo("BsonArray{values=[]}");
    }

    private String races(long meeting) {
        BsonDocument document = client.getDatabase("snapshot_ends").getCollection("meetings", BsonDocument.class)
                .find(Filters.eq("_id", meeting)).first();
        assertThat(document).as("meeting %d's document", meeting).isNotNull();
        return document.get("races").toString();
    }
}
