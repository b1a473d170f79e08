package dev.monobridge.connector.cli;

import java.util.List;

import org.bson.BsonDocument;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;

import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoDefinitions;
import dev.monobridge.projector.mongo.MongoProjectionStore;
import dev.monobridge.projector.mongo.MongoRebuildRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** What the bridge has written: documents per projection, remembered rows, dead letters. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show documents per projection, definition versions, rebuilds, remembered rows and dead letters.")
final class StatusCommand extends ConnectingCommand {

    @Mixin
    private ConfigOption config;


    @Override
    public Integer call() {
        BridgeConfig bridgeConfig = config.read();
        List<ProjectionDefinition> projections = new ProjectionDefinitionReader().readDirectory(bridgeConfig.projectionsDirectory());
        connectingTo(ConnectionTargets.mongoOf(bridgeConfig, System.getenv()));
        String uri = new Secrets(System.getenv()).mongoUri(bridgeConfig.mongo().uriEnv(), bridgeConfig.mongo().uri());
        try (MongoClient client = OneShotMongo.connect(uri)) {
            MongoDatabase database = client.getDatabase(bridgeConfig.mongo().database());
            OneShotMongo.ping(database); // before the table's heading, so that a MongoDB that is down prints one line only
            MongoDefinitions stored = new MongoDefinitions(database);
            MongoRebuildRequests rebuilds = new MongoRebuildRequests(database);
            System.out.printf("%-20s %-22s %10s  %-34s %s%n", "projection", "collection", "documents", "last source position", "version");
            for (ProjectionDefinition projection : projections) {
                var collection = database.getCollection(projection.collection(), BsonDocument.class);
                BsonDocument newest = collection.find().sort(Sorts.descending("_meta.position")).limit(1).first();
                int live = stored.live(projection.name()).map(ProjectionDefinition::version).orElse(projection.version());
                System.out.printf("%-20s %-22s %,10d  %-34s %s%n", projection.name(), projection.collection(),
                        collection.countDocuments(),
                        newest == null ? "-" : newest.getDocument("_meta").getString("position").getValue(),
                        live == projection.version() ? Integer.toString(live)
                                : live + " (the file says " + projection.version() + ": run monobridge rebuild " + projection.name() + ")");
                rebuilds.status(projection.name()).ifPresent(status -> System.out.println("  last rebuild: " + RebuildCommand.line(status)));
            }
            System.out.printf("remembered rows: %,d%n", database.getCollection(MongoProjectionStore.STATES).countDocuments());
            System.out.printf("dead letters:    %,d%n", database.getCollection(MongoProjectionStore.DEAD_LETTERS).countDocuments());
        }
        return 0;
    }
}
