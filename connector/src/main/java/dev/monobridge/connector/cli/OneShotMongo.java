package dev.monobridge.connector.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonInt32;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

/**
 * MongoDB clients for the commands that do one thing and exit ({@code status}, {@code rebuild},
 * {@code dead-letters}, {@code validate}, the demo's check of {@code --mongo-uri}).
 */
final class OneShotMongo {

    /**
     * How long such a command waits for a usable server. The driver's default, 30 s, suits a bridge
     * that should ride out an election; a person asking for {@code status} with MongoDB down should hear
     * so within seconds. A {@code serverSelectionTimeoutMS} in the URI is the user's choice and wins.
     */
    static final Duration SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(5);

    private OneShotMongo() {
    }

    static MongoClient connect(String uri) {
        ConnectionString connectionString = new ConnectionString(uri);
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connectionString)
                .applicationName("monobridge-cli");
        if (connectionString.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                    SERVER_SELECTION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
        }
        return MongoClients.create(settings.build());
    }

    /** Reaches a server and logs in, or throws what the driver says. */
    static void ping(MongoDatabase database) {
        database.runCommand(new BsonDocument("ping", new BsonInt32(1)));
    }
}
