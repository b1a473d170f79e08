package dev.monobridge.projector.mongo;

import org.bson.BsonDocument;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoCollection;

import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.core.RowStateStore;
import dev.monobridge.projector.core.RowStateStoreContract;
import dev.monobridge.projector.testing.InProcessMongo;

/**
 * The MongoDB-backed store keeps the contract, with a cache that keeps no row once trimmed: every read
 * after a hand-over comes back from MongoDB.
 */
class MongoRowStateStoreContractTest extends RowStateStoreContract {

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    private MongoRowStateStore store;
    private MongoCollection<BsonDocument> collection;

    @Override
    protected RowStateStore emptyStore() {
        collection = mongo.freshDatabase("contract").getCollection(MongoProjectionStore.STATES, BsonDocument.class);
        store = new MongoRowStateStore(collection, INDEXED, 0, new ProjectorStats(), MongoRetry.standard());
        return store;
    }

    @Override
    protected RowStateStore reopened() {
        return new MongoRowStateStore(collection, INDEXED, 0, new ProjectorStats(), MongoRetry.standard());
    }

    @Override
    protected RowStateStore.StateChanges handOver(RowStateStore states) {
        RowStateStore.StateChanges changes = states.takeChanges();
        store.writes().write(changes);
        return changes;
    }
}
