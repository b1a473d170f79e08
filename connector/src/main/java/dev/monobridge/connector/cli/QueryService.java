package dev.monobridge.connector.cli;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.connector.http.HttpSettings;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoConnections;
import dev.monobridge.projector.mongo.MongoDefinitions;
import dev.monobridge.query.QueryServer;
import dev.monobridge.query.StoredProjections;

/**
 * What {@code monobridge serve} runs: a MongoDB client, the stored definitions of the configured
 * projections, and the query server over them. Nothing here reads the source.
 */
final class QueryService implements AutoCloseable {

    /**
     * How long a query waits for a usable MongoDB server before it is answered 503: a frontend would
     * rather hear at once than hold its request (and one of the server's threads) for the driver's 30 s.
     * A {@code serverSelectionTimeoutMS} in the URI wins.
     */
    static final Duration SERVER_SELECTION_TIMEOUT = Duration.ofSeconds(5);

    private final MongoClient client;
    private final StoredProjections projections;
    private final QueryServer server;

    private QueryService(MongoClient client, StoredProjections projections, QueryServer server) {
        this.client = client;
        this.projections = projections;
        this.server = server;
    }

    /**
     * @param configured the projections bridge.yaml names: the ones to serve, each by its stored definition
     * @throws IllegalStateException when MongoDB holds no definition of one of them yet, or the port is taken
     */
    static QueryService start(String mongoUri, String database, List<ProjectionDefinition> configured, HttpSettings http) {
        MongoClient client = MongoConnections.connect(mongoUri, "monobridge-serve", SERVER_SELECTION_TIMEOUT);
        StoredProjections projections = null;
        try {
            MongoDatabase documents = client.getDatabase(database);
            projections = StoredProjections.start(new MongoDefinitions(documents),
                    configured.stream().map(ProjectionDefinition::name).toList());
            return new QueryService(client, projections, QueryServer.start(http.query(), documents, projections));
        } catch (RuntimeException e) {
            if (projections != null) {
                projections.close();
            }
            client.close();
            throw e;
        }
    }

    URI address() {
        return server.address();
    }

    @Override
    public void close() {
        server.close();
        projections.close();
        client.close();
    }
}
