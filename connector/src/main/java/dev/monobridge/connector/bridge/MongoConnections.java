package dev.monobridge.connector.bridge;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** MongoDB clients for the bridge and the commands, from the user's URI. */
public final class MongoConnections {

    private MongoConnections() {
    }

    /**
     * A client that waits at most {@code serverSelectionTimeout} for a usable server, unless the URI
     * names its own {@code serverSelectionTimeoutMS}, which is the user's choice and wins.
     */
    public static MongoClient connect(String uri, String applicationName, Duration serverSelectionTimeout) {
        ConnectionString connectionString = new ConnectionString(uri);
        MongoClientSettings.Builder settings = MongoClientSettings.builder().applyConnectionString(connectionString)
                .applicationName(applicationName);
        if (connectionString.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                    serverSelectionTimeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        return MongoClients.create(settings.build());
    }
}
