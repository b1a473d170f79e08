package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.testing.InProcessMongo;

/**
 * P10 over the wire: during a Kafka Connect rebalance, a task that lost its partitions (a zombie) may
 * still be writing while its successor re-reads from the committed offsets. Two projectors on one
 * database and one scope play both, opened as a sink opens them ({@link MongoWriters#SEVERAL}); every write the
 * older one makes after the newer one wrote must be refused by the position guards in the writes' own
 * filters, and nothing legitimate may be.
 */
class ZombieWritersTest {

    private static final Instant NOW = Instant.parse("2026-12-26T18:00:00Z");
    private static final String SCOPE = "event-page-sink";
    private static final ProjectionDefinition EVENT_PAGE = new ProjectionDefinitionReader().readText("event-page.yaml", """
            name: event-page
            team: sportsbook-web
            collection: event_page
            version: 1
            root:
              table: public.event
              key: id
              fields: [id, name, status]
              lists:
                selections:
                  table: public.selection
                  key: id
                  parent-key: event_id
                  fields: [id, name, status]
                  order-by: [id asc]
                  max-items: 30
            """);

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    @Test
    void anOlderBatchArrivingAfterANewerOneForTheSameDocumentIsRejectedByTheGuards() {
        MongoDatabase database = mongo.freshDatabase("zombie");
        Projector zombie = open(database);
        zombie.accept(List.of(event(1, "Arsenal v Spurs"), selection(2, 70, "ACTIVE")));
        Change batchN = selection(3, 70, "SUSPENDED");
        Change batchN1 = selection(4, 70, "CLOSED");

        // The successor takes the partitions over and re-reads from the committed offsets: N, then N+1.
        Projector successor = open(database);
        successor.accept(List.of(batchN));
        successor.accept(List.of(batchN1));
        // The zombie, paused in the middle of batch N, goes on: its cache still holds the row before N.
        zombie.accept(List.of(batchN));

        assertThat(selectionStatus(database, 7)).as("the document keeps N+1's content").isEqualTo("CLOSED");
        BsonDocument state = selectionState(database, 70);
        assertThat(state.getString("p").getValue()).as("the row state keeps N+1's position").isEqualTo(position(4).toString());
        assertThat(state.getDocument("v").getString("status").getValue()).isEqualTo("CLOSED");
    }

    @Test
    void aWriterWhoseWriteWasRefusedConvergesWithItsNextChangeOfThatDocument() {
        MongoDatabase database = mongo.freshDatabase("refused_then_converges");
        Projector ahead = open(database);
        ahead.accept(List.of(event(1, "Arsenal v Spurs"), selection(2, 70, "ACTIVE")));
        // The successor starts from older committed offsets; re-reading them fills its cache.
        Projector behind = open(database);
        behind.accept(List.of(selection(2, 70, "ACTIVE")));
        // The task it replaces has not stopped yet, and writes further than the successor has read.
        ahead.accept(List.of(selection(3, 70, "SUSPENDED"), selection(4, 71, "ACTIVE"), selection(5, 70, "CLOSED")));

        behind.accept(List.of(selection(3, 70, "SUSPENDED")));
        assertThat(selectionStatus(database, 7)).as("refused: the document holds a newer version").isEqualTo("CLOSED");
        behind.accept(List.of(selection(4, 71, "ACTIVE"), selection(5, 70, "CLOSED")));
        behind.accept(List.of(event(6, "Arsenal v Tottenham")));

        BsonDocument page = page(database, 7);
        assertThat(page.getString("name").getValue()).isEqualTo("Arsenal v Tottenham");
        assertThat(page.getArray("selections")).as("the other writer's selection is kept").hasSize(2);
        assertThat(selectionStatus(database, 7)).isEqualTo("CLOSED");
        assertThat(page.getArray("selections").get(1).asDocument().getString("status").getValue()).isEqualTo("ACTIVE");
    }

    @Test
    void anOlderPositionOfAnotherTableAfterANewerOneForTheSameDocumentIsNotRejected() {
        MongoDatabase database = mongo.freshDatabase("interleaved");
        Projector projector = open(database);
        projector.accept(List.of(event(1, "Arsenal v Spurs")));
        // On Kafka Connect the tables' topics interleave: the selection topic is further ahead than the event topic.
        projector.accept(List.of(selection(50, 70, "ACTIVE")));
        projector.accept(List.of(event(20, "Arsenal v Tottenham")));

        assertThat(page(database, 7).getString("name").getValue()).isEqualTo("Arsenal v Tottenham");
        assertThat(selectionStatus(database, 7)).isEqualTo("ACTIVE");
        BsonDocument tables = page(database, 7).getDocument("_meta").getDocument("tables");
        assertThat(tables.getString("public%2Eevent").getValue()).isEqualTo(position(20).toString());
        assertThat(tables.getString("public%2Eselection").getValue()).isEqualTo(position(50).toString());
    }

    @Test
    void aTruncateMarkerRefusesAnOlderInsertOfItsTableArrivingAfterItAndSurvivesAReopen() {
        MongoDatabase database = mongo.freshDatabase("truncate_marker");
        open(database).accept(List.of(event(1, "Arsenal v Spurs"), selection(2, 70, "ACTIVE")));
        open(database).accept(List.of(truncate(10, "public.selection")));

        // An insert from before the truncate, on another partition of the table's topic, arrives late.
        open(database).accept(List.of(selection(8, 71, "ACTIVE")));

        assertThat(page(database, 7).getArray("selections")).as("the truncate emptied the list, and it stays empty").isEmpty();
        open(database).accept(List.of(selection(11, 72, "ACTIVE")));
        assertThat(page(database, 7).getArray("selections")).as("a row inserted after the truncate comes in").hasSize(1);
    }

    private static Projector open(MongoDatabase database) {
        return MongoProjectorFactory.open(database, List.of(EVENT_PAGE), Duration.ofHours(1), new ProjectorStats(),
                Clock.fixed(NOW, ZoneOffset.UTC), MongoProjectorFactory.CACHE_ROWS, SCOPE, MongoWriters.SEVERAL);
    }

    @Test
    void aRebuildsReadOlderThanALiveChangeOfAnotherRowOfTheSameDocumentIsNotRefused() {
        MongoDatabase database = mongo.freshDatabase("rebuild_reads");
        Projector projector = open(database);
        projector.accept(List.of(event(1, "Arsenal v Spurs"), selection(2, 70, "ACTIVE"), selection(3, 71, "ACTIVE")));
        // The rebuild notes its snapshot's position (after position 3), then the stream applies a newer change of
        // selection 70 while the snapshot is still being read.
        projector.accept(List.of(selection(10, 70, "SUSPENDED")));
        // The snapshot saw selection 71 closed (a change the stream has not delivered yet), and reads it at its
        // position: older than the live change of selection 70 in the same document, yet the newest of 71.
        Map<String, Object> closed = row("id", 71L, "event_id", 7L, "name", "Selection 71", "status", "CLOSED");
        projector.acceptRebuildReads(List.of(new Change("public.selection", Op.READ, RowKey.of("id", 71L), null, closed,
                position(4), NOW, null)));
        // The stream then delivers that change: its values are the state's already, so it writes no document.
        projector.accept(List.of(selection(11, 71, "CLOSED")));

        BsonDocument page = page(database, 7);
        assertThat(page.getArray("selections").get(1).asDocument().getString("status").getValue())
                .as("the rebuild's read reached the document").isEqualTo("CLOSED");
        assertThat(selectionStatus(database, 7)).isEqualTo("SUSPENDED");
    }

    private static Change event(long pos, String name) {
        Map<String, Object> row = row("id", 7L, "name", name, "status", "SCHEDULED");
        return new Change("public.event", Op.UPDATE, RowKey.of("id", 7L), null, row, position(pos), NOW, null);
    }

    private static Change selection(long pos, long id, String status) {
        Map<String, Object> row = row("id", id, "event_id", 7L, "name", "Selection " + id, "status", status);
        return new Change("public.selection", Op.UPDATE, RowKey.of("id", id), null, row, position(pos), NOW, null);
    }

    private static Change truncate(long pos, String table) {
        return new Change(table, Op.TRUNCATE, null, null, null, position(pos), NOW, null);
    }

    private static SourcePosition position(long pos) {
        return new SourcePosition(100, pos);
    }

    private static BsonDocument page(MongoDatabase database, long event) {
        return database.getCollection("event_page", BsonDocument.class).find(new BsonDocument("_id", new BsonInt64(event))).first();
    }

    private static String selectionStatus(MongoDatabase database, long event) {
        return page(database, event).getArray("selections").get(0).asDocument().getString("status").getValue();
    }

    private static BsonDocument selectionState(MongoDatabase database, long id) {
        BsonDocument stateId = new BsonDocument("t", new org.bson.BsonString("public.selection"))
                .append("k", new BsonDocument("id", new BsonInt64(id)));
        return database.getCollection(MongoProjectionStore.statesCollection(SCOPE), BsonDocument.class)
                .find(new BsonDocument("_id", stateId)).first();
    }

    private static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }
}
