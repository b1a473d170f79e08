package dev.monobridge.connector.cli;

import java.time.Duration;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonObjectId;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.projector.mongo.MongoConnections;
import dev.monobridge.projector.definition.CollectionNames;

/**
 * MongoDB clients for the commands that do one thing and exit ({@code status}, {@code rebuild},
 * {@code dead-letters}, {@code validate}, the demo's check of {@code --mongo-uri}).
 */
final class OneShotMongo {

    /**
     * How long such a command waits for a usable server: a person asking for {@code status} with MongoDB
     * down should hear so within seconds. A {@code serverSelectionTimeoutMS} in the URI is the user's
     * choice and wins.
     */
    static final Duration SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(5);

    private OneShotMongo() {
    }

    static MongoClient connect(String uri) {
        return MongoConnections.connect(uri, "monobridge-cli", SERVER_SELECTION_TIMEOUT);
    }

    /**
     * Where {@code validate} proves it may write: under the bridge's reserved prefix, so that it is
     * never a projection's collection. The probe document is deleted at once; the collection stays empty.
     */
    static final String PROBE_COLLECTION = CollectionNames.RESERVED_PREFIX + "write_probe";

    /**
     * Inserts and deletes a probe document, or throws what the driver says (an authorization failure:
     * the user may read but not write). The bridge writes documents, its row states and dead letters.
     */
    static void probeWrite(MongoDatabase database) {
        MongoCollection<BsonDocument> probe = database.getCollection(PROBE_COLLECTION, BsonDocument.class);
        BsonObjectId id = new BsonObjectId();
        probe.insertOne(new BsonDocument("_id", id));
        probe.deleteOne(new BsonDocument("_id", id));
    }

    /** Reaches a server and logs in, or throws what the driver says. */
    static void ping(MongoDatabase database) {
        database.runCommand(new BsonDocument("ping", new BsonInt32(1)));
    }
}
