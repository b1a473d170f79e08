package dev.monobridge.projector.mongo;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/** MongoDB clients for the bridge and the commands, from the user's URI. */
public final class MongoConnections {

    /**
     * How long one of a projector's MongoDB operations waits for a usable server before it fails, in the
     * embedded bridge and in a Kafka Connect sink. MongoRetry retries without limit, so this does not
     * bound how long a projector rides out an outage or an election; it bounds how long /ready stays
     * silent about one. With the driver's 30 s default an outage went unsaid for 30 s whenever another
     * thread met the broken connection first (MongoOutageIT).
     */
    public static final Duration PROJECTOR_SERVER_SELECTION = Duration.ofSeconds(10);

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
