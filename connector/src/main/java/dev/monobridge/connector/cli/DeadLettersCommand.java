package dev.monobridge.connector.cli;


import org.bson.BsonDocument;
import org.bson.BsonObjectId;
import org.bson.BsonValue;
import org.bson.types.ObjectId;

import com.mongodb.client.MongoClient;

import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.projector.mongo.MongoDeadLetters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Lists dead letters, and asks the running bridge to replay them. */
@Command(name = "dead-letters", mixinStandardHelpOptions = true,
        description = "List dead letters (changes or writes that could not be applied, with the reason), or replay them.")
final class DeadLettersCommand extends ConnectingCommand {

    @Mixin
    private ConfigOption config;

    @Parameters(index = "0", defaultValue = "list", description = "list | replay (default: ${DEFAULT-VALUE})")
    private String action;

    @Option(names = "--limit", defaultValue = "20", description = "How many to list, newest first (default: ${DEFAULT-VALUE}).")
    private int limit;

    @Option(names = "--id", description = "Replay only this dead letter.")
    private String id;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        checkOptions();
        BridgeConfig bridgeConfig = config.read();
        connectingTo(ConnectionTargets.mongoOf(bridgeConfig, System.getenv()));
        String uri = new Secrets(System.getenv()).mongoUri(bridgeConfig.mongo().uriEnv(), bridgeConfig.mongo().uri());
        try (MongoClient client = OneShotMongo.connect(uri)) {
            MongoDeadLetters deadLetters = new MongoDeadLetters(client.getDatabase(bridgeConfig.mongo().database()));
            switch (action) {
                case "list" -> list(deadLetters);
                case "replay" -> {
                    BsonValue which = id == null ? null : new BsonObjectId(new ObjectId(id));
                    long marked = deadLetters.requestReplay(which);
                    System.out.printf("%d dead letters marked for replay; the running bridge applies them within seconds.%n", marked);
                }
                default -> throw new IllegalStateException("unreachable: the action was checked");
            }
        }
        return 0;
    }

    /** Before anything connects: a typo in the command line is exit 2, not a half-done command. */
    private void checkOptions() {
        if (!action.equals("list") && !action.equals("replay")) {
            throw new ParameterException(spec.commandLine(), "unknown action '" + action + "': expected list or replay");
        }
        if (limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be a positive number, not " + limit);
        }
        if (id != null && !ObjectId.isValid(id)) {
            throw new ParameterException(spec.commandLine(), "--id '" + id + "' is not a dead letter's id (24 hexadecimal digits, "
                    + "as `dead-letters list` shows them)");
        }
    }

    private void list(MongoDeadLetters deadLetters) {
        System.out.printf("%,d dead letters%n", deadLetters.count());
        for (BsonDocument letter : deadLetters.list(limit)) {
            System.out.printf("%s  %s  %s  %s %s %s%n    %s%n",
                    letter.getObjectId("_id").getValue().toHexString(),
                    java.time.Instant.ofEpochMilli(letter.getDateTime("at").getValue()),
                    text(letter, "projection"), text(letter, "op"), text(letter, "table"),
                    letter.containsKey("key") ? letter.get("key").toString() : text(letter, "documentId"),
                    letter.getString("reason").getValue());
        }
    }

    private static String text(BsonDocument document, String field) {
        BsonValue value = document.get(field);
        return value == null || value.isNull() ? "-" : value.isString() ? value.asString().getValue() : value.toString();
    }
}
