package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
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
 * Documents are written before the row states that produced them. A crash in between, then a delete
 * of those rows before the snapshot is taken again, leaves documents that no change will ever name:
 * the end of the snapshot finds them by comparing the collection with what the states give.
 */
class SnapshotReconciliationTest {

    private static final Instant NOW = Instant.parse("2026-12-26T18:00:00Z");
    private static final ProjectionDefinition MEETINGS = new ProjectionDefinitionReader().readText("meetings.yaml", """
            name: meetings
            team: racing-web
            collection: meetings
            version: 1
            root:
              table: public.meeting
              key: id
              fields: [id, venue]
            """);

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    @Test
    void theEndOfASnapshotRemovesDocumentsNoRememberedRowGivesAndRepairsDifferentOnes() {
        MongoDatabase database = mongo.freshDatabase("reconcile");
        var collection = database.getCollection("meetings", BsonDocument.class);
        // Left by a crash: written, but their rows never remembered (and since deleted in the source)...
        collection.insertOne(new BsonDocument("_id", new BsonInt64(9)).append("id", new BsonInt64(9)).append("venue", new BsonString("Gone")));
        // ...or rewritten by hand since.
        collection.insertOne(new BsonDocument("_id", new BsonInt64(1)).append("id", new BsonInt64(1)).append("venue", new BsonString("Wrong")));
        Projector projector = MongoProjectorFactory.open(database, List.of(MEETINGS), Duration.ofHours(1), new ProjectorStats(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        List<Change> snapshot = new ArrayList<>();
        snapshot.add(read(1, "Kempton"));
        snapshot.add(read(2, "Wetherby"));
        snapshot.add(new Change(Op.ALL_TABLES, Op.SNAPSHOT_END, null, null, null, new SourcePosition(10, 0), NOW, null));
        projector.accept(snapshot);

        Map<Long, String> venues = new java.util.TreeMap<>();
        collection.find().forEach(d -> venues.put(d.getInt64("_id").getValue(), d.getString("venue").getValue()));
        assertThat(venues).containsExactly(Map.entry(1L, "Kempton"), Map.entry(2L, "Wetherby"));
    }

    private static Change read(long id, String venue) {
        return new Change("public.meeting", Op.READ, RowKey.of("id", id), null, Map.of("id", id, "venue", venue),
                new SourcePosition(10, 0), NOW, null);
    }
}
