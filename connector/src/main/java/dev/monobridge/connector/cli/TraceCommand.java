package dev.monobridge.connector.cli;

import java.util.List;
import java.util.Optional;

import org.bson.BsonDocument;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import com.mongodb.client.MongoClient;

import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoTrails;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** "Have we seen this?": a document's {@code _meta} and its last changes, or a source row's documents and last changes. */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Show a document's _meta and the last changes that reached it, newest first;",
                "with --row, the documents a source row is in and its last changes, or that it was never seen."})
final class TraceCommand extends ConnectingCommand {

    /** What a failed look-up exits with: the command ran, and the answer is "no such thing". */
    static final int NOT_FOUND = 1;

    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true).build();

    @Mixin
    private ConfigOption config;

    @Option(names = "--row", description = "Trace a source row (<schema.table> <key>) instead of a document.")
    private boolean row;

    @Option(names = "--json", description = "Print the answer as JSON (MongoDB's relaxed Extended JSON), as the admin API gives it.")
    private boolean json;

    @Parameters(index = "0", paramLabel = "<projection|schema.table>", description = "The projection, or with --row the source table.")
    private String target;

    @Parameters(index = "1", paramLabel = "<key>",
            description = "The document's or row's key: a whole number or text; column=value,... for a composite key.")
    private String key;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        BridgeConfig bridgeConfig = config.read();
        List<ProjectionDefinition> projections = new ProjectionDefinitionReader().readDirectory(bridgeConfig.projectionsDirectory());
        ProjectionDefinition projection = row ? null : projection(projections);
        String keyColumn = row ? keyColumn(projections) : null;
        try {
            MongoTrails.candidates(key);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        connectingTo(ConnectionTargets.mongoOf(bridgeConfig, System.getenv()));
        String uri = new Secrets(System.getenv()).mongoUri(bridgeConfig.mongo().uriEnv(), bridgeConfig.mongo().uri());
        try (MongoClient client = OneShotMongo.connect(uri)) {
            MongoTrails trails = new MongoTrails(client.getDatabase(bridgeConfig.mongo().database()));
            if (row) {
                BsonDocument answer = trails.row(target, keyColumn, key);
                print(answer, TraceText.row(answer, bridgeConfig.trace()));
                return 0;
            }
            Optional<BsonDocument> answer = trails.document(projection, key);
            if (answer.isEmpty()) {
                System.err.println(TraceText.noDocument(projection.name(), key,
                        trails.row(projection.root().table(), projection.root().key(), key)));
                return NOT_FOUND;
            }
            print(answer.get(), TraceText.document(answer.get(), bridgeConfig.trace()));
            return 0;
        }
    }

    private void print(BsonDocument answer, String text) {
        System.out.println(json ? answer.toJson(RELAXED) : text);
    }

    /** Before anything connects: an unknown name is a usage error (exit 2), with the names there are. */
    private ProjectionDefinition projection(List<ProjectionDefinition> projections) {
        return projections.stream().filter(p -> p.name().equals(target)).findFirst().orElseThrow(() -> new ParameterException(
                spec.commandLine(), "unknown projection '" + target + "': the projections are "
                        + String.join(", ", projections.stream().map(ProjectionDefinition::name).sorted().toList())
                        + (target.contains(".") ? " (to trace a source row, add --row)" : "")));
    }

    /** The table's key column, as its definitions name it; a table no projection reads is a usage error. */
    private String keyColumn(List<ProjectionDefinition> projections) {
        ProjectionPlan plan = new ProjectionPlan(projections);
        if (!plan.tables().contains(target)) {
            throw new ParameterException(spec.commandLine(), "no projection reads table '" + target
                    + "', so the bridge does not capture it; the tables read are " + String.join(", ", plan.tables().stream().sorted().toList()));
        }
        return plan.keyColumn(target);
    }
}
