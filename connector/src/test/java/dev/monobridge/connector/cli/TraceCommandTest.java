package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoProjectorFactory;

/** {@code monobridge trace}: a document's _meta and trail, a row's, "never seen", and clear errors. */
class TraceCommandTest {

    private static final String DATABASE = "trace_cli";
    private static final Path PROJECTIONS = Path.of("../config/projections").toAbsolutePath().normalize();
    private static final Instant COMMITTED = Instant.parse("2026-12-26T14:00:00Z");

    @TempDir
    Path directory;

    private InProcessMongo mongo;
    private MongoClient client;
    private String bridgeYaml;

    @BeforeEach
    void start() throws IOException {
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.connectionString());
        Path yaml = directory.resolve("bridge.yaml");
        Files.writeString(yaml, "source:\n  database: legacy\n  user: bridge\nmongo:\n  uri-env: MONOBRIDGE_TRACE_TEST_UNSET\n"
                + "  uri: " + mongo.connectionString() + "\n  database: " + DATABASE + "\nprojections:\n  directory: " + PROJECTIONS
                + "\ntrace:\n  per-document: 5\n");
        bridgeYaml = yaml.toString();
        Projector projector = MongoProjectorFactory.open(client.getDatabase(DATABASE), new ProjectionDefinitionReader().readDirectory(PROJECTIONS),
                Duration.ofHours(1), new ProjectorStats(), Clock.systemUTC());
        projector.accept(List.of(
                change(Op.CREATE, "public.event", 1, row("id", 7L, "sport_id", 1L, "name", "Trace Cup", "start_time",
                        Instant.now().plus(Duration.ofDays(1)), "status", "SCHEDULED")),
                change(Op.CREATE, "public.market", 2, row("id", 70L, "event_id", 7L, "name", "Winner", "status", "OPEN", "display_order", 1L)),
                change(Op.CREATE, "public.selection", 3, row("id", 700L, "market_id", 70L, "name", "Kauto Star",
                        "price", new BigDecimal("2.50"), "status", "ACTIVE", "display_order", 1L))));
        Change priced = change(Op.UPDATE, "public.selection", 4, row("id", 700L, "market_id", 70L, "name", "Kauto Star",
                "price", new BigDecimal("2.25"), "status", "ACTIVE", "display_order", 1L));
        projector.accept(List.of(priced));
        projector.accept(List.of(priced));
        projector.accept(List.of(change(Op.READ, "public.selection", 5, row("id", 800L, "market_id", 99L, "name", "Denman",
                "price", new BigDecimal("4.00"), "status", "ACTIVE", "display_order", 2L))));
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void aDocumentsTraceShowsItsMetaAndItsTrailNewestFirst() {
        CommandRun.Result result = CommandRun.run("trace", "--config", bridgeYaml, "event-page", "7");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("event-page 7: the document exists", "_meta: {", "5 kept per document",
                "The bridge has reached source position " + new SourcePosition(5, 0));
        List<String> outcomes = result.out().lines().filter(line -> line.startsWith("      ")).map(String::trim).toList();
        assertThat(outcomes).containsExactly("no change: stale", "wrote: markets[id=70].selections[id=700].price",
                "wrote: (whole document)", "wrote: (whole document)", "wrote: (whole document)");
        assertThat(result.out()).contains(new SourcePosition(4, 0) + "  u public.selection {\"id\": 700}  committed " + COMMITTED,
                "tx tx-4");
        assertThat(result.hasStackTrace()).isFalse();
    }

    @Test
    void aDocumentsTraceAsJsonIsTheAdminApisAnswer() {
        CommandRun.Result result = CommandRun.run("trace", "--config", bridgeYaml, "--json", "event-page", "7");

        assertThat(result.exitCode()).as(result.all()).isZero();
        BsonDocument answer = BsonDocument.parse(result.out());
        assertThat(answer.getString("projection").getValue()).isEqualTo("event-page");
        assertThat(answer.getArray("trail")).hasSize(5);
        assertThat(answer.getArray("trail").get(0).asDocument().getString("outcome").getValue()).isEqualTo("no change: stale");
    }

    @Test
    void aRowsTraceSaysWhichDocumentsItIsIn() {
        CommandRun.Result result = CommandRun.run("trace", "--config", bridgeYaml, "--row", "public.selection", "700");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("public.selection 700: in event-page 7");
    }

    @Test
    void aRowNeverCapturedIsSaidToBeNeverSeenWithThePositionReached() {
        CommandRun.Result result = CommandRun.run("trace", "--config", bridgeYaml, "--row", "public.selection", "999");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("public.selection 999: never seen",
                "The bridge has reached source position " + new SourcePosition(5, 0));
    }

    @Test
    void aRowOnlyASnapshotReadIsSaidToBeRememberedNotNeverSeen() {
        CommandRun.Result result = CommandRun.run("trace", "--config", bridgeYaml, "--row", "public.selection", "800");

        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.out()).contains("public.selection 800: no change to it is in the trail (a snapshot read it",
                "but the bridge remembers it, as of source position " + new SourcePosition(5, 0)).doesNotContain("never seen");
    }

    @Test
    void anUnknownProjectionOrTableOrAMissingDocumentIsAClearErrorWithoutAStackTrace() {
        CommandRun.Result unknown = CommandRun.run("trace", "--config", bridgeYaml, "event-pages", "7");
        CommandRun.Result table = CommandRun.run("trace", "--config", bridgeYaml, "--row", "public.nothing", "7");
        CommandRun.Result missing = CommandRun.run("trace", "--config", bridgeYaml, "event-page", "8");

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown projection 'event-pages': the projections are customer-bets, event-page, racing-homepage");
        assertThat(table.exitCode()).isEqualTo(2);
        assertThat(table.err()).contains("no projection reads table 'public.nothing'");
        assertThat(missing.exitCode()).isEqualTo(TraceCommand.NOT_FOUND);
        assertThat(missing.err()).contains("no document with key '8' in event-page, and no trail of one");
        assertThat(List.of(unknown, table, missing)).noneMatch(CommandRun.Result::hasStackTrace);
    }

    private static Change change(Op op, String table, long position, Map<String, Object> after) {
        return new Change(table, op, RowKey.of("id", after.get("id")), null, after, new SourcePosition(position, 0), COMMITTED,
                "tx-" + position);
    }

    private static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }
}
