package dev.monobridge.connector.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.bson.BsonDocument;

import com.mongodb.client.MongoClient;

import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.projector.mongo.MongoRebuildRequests;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Asks the running bridge to rebuild a projection (or one document) from the source, and follows it
 * with a progress bar. Readers keep reading the old version until the new one replaces it whole.
 */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
        description = "Rebuild a projection from the source with zero downtime, or repair one document (--key).")
final class RebuildCommand extends ConnectingCommand {

    private static final int BAR = 30;

    @Mixin
    private ConfigOption config;

    @Parameters(index = "0", description = "The projection to rebuild.")
    private String projection;

    @Option(names = "--key", description = "Rebuild only the document with this key.")
    private String key;

    @Option(names = "--cancel", description = "Cancel the running rebuild of the projection.")
    private boolean cancel;

    @Option(names = "--no-wait", description = "Ask, and return without following the progress.")
    private boolean noWait;

    @Override
    public Integer call() throws InterruptedException {
        BridgeConfig bridgeConfig = config.read();
        connectingTo(ConnectionTargets.mongoOf(bridgeConfig, System.getenv()));
        String uri = new Secrets(System.getenv()).mongoUri(bridgeConfig.mongo().uriEnv(), bridgeConfig.mongo().uri());
        try (MongoClient client = OneShotMongo.connect(uri)) {
            MongoRebuildRequests requests = new MongoRebuildRequests(client.getDatabase(bridgeConfig.mongo().database()));
            Instant asked = Instant.now();
            requests.request(projection, key, cancel, asked);
            System.out.println((cancel ? "Asked the bridge to cancel the rebuild of " : "Asked the bridge to rebuild ") + projection
                    + (key == null ? "" : " document " + key) + ".");
            return cancel || noWait ? 0 : follow(requests, asked, System.out);
        }
    }

    /** Follows the rebuild that started after the request, until it finishes. */
    private int follow(MongoRebuildRequests requests, Instant asked, PrintStream out) throws InterruptedException {
        Instant deadline = asked.plus(Duration.ofSeconds(15));
        while (true) {
            Optional<BsonDocument> status = requests.status(projection)
                    .filter(s -> !Instant.ofEpochMilli(s.getDateTime("startedAt").getValue()).isBefore(asked.minusSeconds(1)));
            if (status.isEmpty()) {
                if (Instant.now().isAfter(deadline)) {
                    out.println();
                    System.err.println("monobridge: no bridge took the request within 15 s; is `monobridge run`, or a Kafka "
                            + "Connect sink running " + projection + " (see `monobridge status`), running against this MongoDB? "
                            + "The request stays, and a bridge or that sink will take it when it starts.");
                    return ErrorHandler.FAILURE;
                }
            } else {
                out.print("\r" + line(status.get()));
                String phase = status.get().getString("phase").getValue();
                if (phase.equals("DONE") || phase.equals("CANCELLED") || phase.equals("FAILED")) {
                    out.println();
                    if (phase.equals("FAILED")) {
                        System.err.println("monobridge: the rebuild failed: " + status.get().get("error"));
                    }
                    return phase.equals("DONE") ? 0 : ErrorHandler.FAILURE;
                }
            }
            Thread.sleep(500);
        }
    }

    static String line(BsonDocument status) {
        long read = status.getInt64("rowsRead").getValue();
        long estimated = Math.max(read, status.getInt64("rowsEstimated").getValue());
        String phase = status.getString("phase").getValue();
        int percent = phase.equals("DONE") ? 100 : estimated == 0 ? 0 : (int) Math.min(99, 100 * read / estimated);
        int filled = percent * BAR / 100;
        return String.format("[%s%s] %3d%%  rows %,d/%,d  documents %,d  %,.0f rows/s  ETA %ds  %-9s",
                "#".repeat(filled), ".".repeat(BAR - filled), percent, read, estimated,
                status.getInt64("documentsWritten").getValue(), status.getDouble("rowsPerSecond").getValue(),
                status.getInt64("etaSeconds").getValue(), phase);
    }
}
