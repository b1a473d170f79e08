package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bson.BsonDocument;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoCollection;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.core.RowId;
import dev.monobridge.projector.core.RowState;
import dev.monobridge.projector.core.RowStateStore;
import dev.monobridge.projector.testing.InProcessMongo;

/**
 * P10 for row states: two stores on one collection, as a zombie task and its successor share one sink's
 * row states. A write older than what is stored is refused in its own filter, and the store that made it
 * reads the row again from MongoDB.
 */
class MongoRowStateGuardsTest {

    private static final String RUNNER = "public.runner";
    private static final Instant NOW = Instant.parse("2026-12-26T18:00:00Z");
    private static final RowId KAUTO_STAR = new RowId(RUNNER, RowKey.of("id", 1L));

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    private MongoCollection<BsonDocument> collection;
    private MongoRowStateStore zombie;
    private MongoRowStateStore successor;

    @BeforeEach
    void open() {
        collection = mongo.freshDatabase("state_guards").getCollection(MongoProjectionStore.STATES, BsonDocument.class);
        zombie = store();
        successor = store();
    }

    @Test
    void aStateOlderThanTheStoredOneIsRefusedAndTheRowIsReadAgainFromMongoDB() {
        zombie.put(runner("4.50", 5));
        handOver(zombie);
        successor.put(runner("3.00", 7));
        handOver(successor);

        zombie.put(runner("4.00", 6));
        handOver(zombie);

        assertThat(stored().getString("p").getValue()).isEqualTo(position(7).toString());
        assertThat(zombie.get(KAUTO_STAR).position()).as("the zombie reads the newer state").isEqualTo(position(7));
        assertThat(zombie.get(KAUTO_STAR).values()).containsEntry("price", "3.00");
    }

    @Test
    void aPositionOnlyAdvanceOlderThanTheStoredStateIsRefusedAndTheRowIsReadAgain() {
        zombie.put(runner("4.50", 5));
        handOver(zombie);
        successor.put(runner("3.00", 7));
        handOver(successor);

        zombie.advance(KAUTO_STAR, position(6));
        handOver(zombie);

        assertThat(stored().getString("p").getValue()).isEqualTo(position(7).toString());
        assertThat(zombie.get(KAUTO_STAR).values()).containsEntry("price", "3.00");
    }

    @Test
    void removingAnExpiredMarkerNeverRemovesALiveRowWrittenSince() {
        successor.put(runner("3.00", 7));
        handOver(successor);

        zombie.writes().write(new RowStateStore.StateChanges(List.of(), List.of(KAUTO_STAR)));

        assertThat(stored()).as("the live row stays").isNotNull();
    }

    private MongoRowStateStore store() {
        return new MongoRowStateStore(collection, Map.of(RUNNER, Set.of("race_id")), MongoProjectorFactory.CACHE_ROWS,
                new ProjectorStats(), MongoRetry.standard(), MongoWriters.SEVERAL);
    }

    private static void handOver(MongoRowStateStore store) {
        store.writes().write(store.takeChanges());
    }

    private BsonDocument stored() {
        return collection.find(new BsonDocument("_id", MongoRowStateCollection.id(KAUTO_STAR))).first();
    }

    private static RowState runner(String price, long position) {
        return RowState.live(KAUTO_STAR, Map.of("id", 1L, "race_id", 7L, "price", price), position(position), NOW);
    }

    private static SourcePosition position(long position) {
        return new SourcePosition(position, 0);
    }
}
