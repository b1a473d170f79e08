package dev.monobridge.connector.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;

import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoDefinitions;
import dev.monobridge.projector.mongo.MongoDriftLog;
import dev.monobridge.projector.mongo.MongoProjectionStore;
import dev.monobridge.projector.mongo.MongoRebuildRequests;
import dev.monobridge.projector.mongo.MongoSinkRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the bridge has written: documents per projection, remembered rows, dead letters. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show documents per projection, definition versions, rebuilds, remembered rows, dead letters, and the "
                + "Kafka Connect sinks writing into the same database.")
final class StatusCommand extends ConnectingCommand {

    /** A running sink's task notes itself every second; this much silence means it is not running. */
    private static final long SINK_QUIET_SECONDS = 30;
    /** Drift records shown: the newest few, enough to see what is wrong; the admin API lists more. */
    private static final int RECENT_DRIFT = 5;

    @Mixin
    private ConfigOption config;

    @Option(names = "--connect-url", paramLabel = "<url>",
            description = "A Kafka Connect worker's REST API (e.g. http://localhost:8083): also show the Monobridge sink and "
                    + "Debezium source connectors' states and their tasks' workers.")
    private String connectUrl;

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
            printDrift(new MongoDriftLog(database));
            printSinks(database, Instant.now());
        }
        if (connectUrl != null) {
            new ConnectRestStatus(connectUrl).print(System.out);
        }
        return 0;
    }

    /**
     * The drift sampler's figures as the bridge last saved them (after each round), and its newest records:
     * how many sampled documents differed from the source, and how many had a shape problem, by kind.
     */
    static void printDrift(MongoDriftLog log) {
        Optional<BsonDocument> saved = log.figures();
        if (saved.isEmpty()) {
            System.out.println("drift sampler:   never ran against this database (drift.interval-ms)");
            return;
        }
        BsonDocument figures = saved.get();
        BsonValue at = figures.get("lastRoundAt");
        System.out.printf("drift sampler:   %,d drifted documents since the bridge started, last round %s%s%n",
                figures.getInt64("drifted").getValue(),
                at == null || !at.isDateTime() ? "-" : Instant.ofEpochMilli(at.asDateTime().getValue()),
                figures.isString("lastError") ? " (last failure: " + figures.getString("lastError").getValue() + ")" : "");
        System.out.printf("  %-20s %9s %8s %9s %7s %7s  %s%n", "projection", "checked", "drifted", "repaired", "moved", "failed",
                "shape problems");
        figures.getDocument("projections").forEach((name, value) -> {
            BsonDocument p = value.asDocument();
            StringBuilder shape = new StringBuilder();
            p.getDocument("shape").forEach((kind, count) -> {
                if (count.asNumber().longValue() > 0) {
                    shape.append(shape.isEmpty() ? "" : ", ").append(kind).append(' ').append(count.asNumber().longValue());
                }
            });
            System.out.printf("  %-20s %,9d %,8d %,9d %,7d %,7d  %s%n", name, p.getInt64("checked").getValue(),
                    p.getInt64("drifted").getValue(), p.getInt64("repaired").getValue(), p.getInt64("moved").getValue(),
                    p.getInt64("failed").getValue(), shape.isEmpty() ? "none" : shape);
        });
        for (BsonDocument record : log.recent(null, RECENT_DRIFT)) {
            System.out.printf("  drifted: %s %s at %s, %d paths, e.g. %s (repair: %s)%n", record.getString("projection").getValue(),
                    documentId(record.get("documentId")),
                    Instant.ofEpochMilli(record.getDateTime("at").getValue()), record.getInt32("differenceCount").getValue(),
                    firstDifference(record), record.getString("repair").getValue());
        }
    }

    /** A document id as a person types it for {@code rebuild --key}. */
    private static String documentId(BsonValue id) {
        if (id == null) {
            return "-";
        }
        return id.isString() ? id.asString().getValue() : id.isNumber() ? Long.toString(id.asNumber().longValue()) : id.toString();
    }

    private static String firstDifference(BsonDocument record) {
        BsonArray differences = record.getArray("differences");
        if (differences.isEmpty()) {
            return "-";
        }
        BsonDocument first = differences.get(0).asDocument();
        String path = first.getString("path").getValue();
        return (path.isEmpty() ? "(whole document)" : path) + " stored " + (first.isString("stored") ? first.getString("stored").getValue() : "(missing)")
                + ", source gives " + (first.isString("expected") ? first.getString("expected").getValue() : "nothing");
    }

    /**
     * The Kafka Connect sinks that write into this database, as their tasks last said (every second while
     * they run), with what each keeps under its own name: projection time, document horizon, row states.
     */
    private static void printSinks(MongoDatabase database, Instant now) {
        List<MongoSinkRegistry.Sink> sinks = new MongoSinkRegistry(database).sinks();
        if (sinks.isEmpty()) {
            return;
        }
        System.out.println("Kafka Connect sinks:");
        System.out.printf("  %-28s %-32s %-12s %-24s %-34s %15s  %s%n", "sink", "projections", "last seen", "projection time",
                "document horizon", "remembered rows", "rebuilds");
        for (MongoSinkRegistry.Sink sink : sinks) {
            long ago = Math.max(0, Duration.between(sink.seenAt(), now).toSeconds());
            System.out.printf("  %-28s %-32s %-12s %-24s %-34s %,15d  %s%n", sink.name(), String.join(",", sink.projections()),
                    ago <= SINK_QUIET_SECONDS ? ago + " s ago" : ago + " s ago (stopped?)",
                    MongoProjectionStore.storedProjectionTime(database, sink.name()).map(Instant::toString).orElse("-"),
                    MongoProjectionStore.storedDocumentHorizon(database, sink.name()).map(Object::toString).orElse("-"),
                    database.getCollection(MongoProjectionStore.statesCollection(sink.name())).estimatedDocumentCount(),
                    sink.canRebuild() ? "from the source" : "refused: no source connection (set source.jdbc.url)");
        }
    }
}
