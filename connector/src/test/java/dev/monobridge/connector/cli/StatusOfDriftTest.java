package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.connector.drift.DriftFigures;
import dev.monobridge.projector.mongo.MongoDocumentShape;
import dev.monobridge.projector.mongo.MongoDriftLog;

/** {@code monobridge status} shows what the drift sampler last saved: its figures per projection and its newest records. */
class StatusOfDriftTest {

    private static final String DATABASE = "status_drift";
    private static final Path PROJECTIONS = Path.of("../config/projections").toAbsolutePath().normalize();

    @TempDir
    Path directory;

    private InProcessMongo mongo;
    private MongoClient client;
    private Path bridgeYaml;

    @BeforeEach
    void start() throws IOException {
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.connectionString());
        bridgeYaml = directory.resolve("bridge.yaml");
        Files.writeString(bridgeYaml, "source:\n  database: legacy\n  user: bridge\nmongo:\n  uri-env: MONOBRIDGE_STATUS_TEST_UNSET\n"
                + "  uri: " + mongo.connectionString() + "\n  database: " + DATABASE + "\nprojections:\n  directory: " + PROJECTIONS + "\n");
    }

    @AfterEach
    void stop() {
        client.close();
        mongo.close();
    }

    @Test
    void theFiguresPerProjectionAndTheNewestDriftedDocumentsAreShown() {
        MongoDriftLog log = new MongoDriftLog(client.getDatabase(DATABASE));
        Instant round = Instant.parse("2026-12-01T17:00:00Z");
        log.saveFigures(new DriftFigures.Snapshot(true, round, null, Map.of(
                "racing-homepage", new DriftFigures.Projection(120, 1, 0, 4, 0, Map.of(MongoDocumentShape.Kind.UNDECLARED_FIELD, 1L)),
                "event-page", new DriftFigures.Projection(80, 0, 0, 2, 0, Map.of()))).toBson());
        log.record(new BsonDocument("projection", new BsonString("racing-homepage")).append("documentId", new BsonInt64(7))
                .append("at", new BsonDateTime(round.toEpochMilli())).append("differenceCount", new BsonInt32(1))
                .append("differences", new BsonArray(java.util.List.of(new BsonDocument("path", new BsonString("venue"))
                        .append("stored", new BsonString("\"Tampered Downs\"")).append("expected", new BsonString("\"York\"")))))
                .append("repair", new BsonString("off")), 100);

        CommandRun.Result run = CommandRun.run("status", "--config", bridgeYaml.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("drift sampler:   1 drifted documents since the bridge started, last round 2026-12-01T17:00:00Z");
        assertThat(line(run.out(), "  racing-homepage ")).matches("\\s+racing-homepage\\s+120\\s+1\\s+0\\s+4\\s+0\\s+undeclared-field 1");
        assertThat(line(run.out(), "  event-page ")).matches("\\s+event-page\\s+80\\s+0\\s+0\\s+2\\s+0\\s+none");
        assertThat(line(run.out(), "drifted: ")).isEqualTo("  drifted: racing-homepage 7 at 2026-12-01T17:00:00Z, 1 paths, "
                + "e.g. venue stored \"Tampered Downs\", source gives \"York\" (repair: off)");
    }

    @Test
    void aDatabaseTheSamplerNeverRanAgainstSaysSo() {
        CommandRun.Result run = CommandRun.run("status", "--config", bridgeYaml.toString());

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("drift sampler:   never ran against this database");
    }

    private static String line(String output, String containing) {
        return output.lines().filter(l -> l.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no line with " + containing + " in:\n" + output));
    }
}
