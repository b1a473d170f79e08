package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.bridge.BridgeOptions;
import dev.monobridge.connector.bridge.EmbeddedSources;
import dev.monobridge.connector.bridge.TestDatabase;
import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.connector.config.BridgeConfigReader;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.http.HttpSettings;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.query.Tokens;

/**
 * {@code monobridge serve}'s service alone answers queries while a separate bridge writes: a bridge on
 * embedded PostgreSQL and the in-process MongoDB, and beside it a query service started from a
 * bridge.yaml whose source is unreachable (port 1), on the same MongoDB. Its answers come from MongoDB
 * and the stored definitions only, and a change committed in the source shows up through it.
 */
class ServeIT {

    private static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of("../config/projections"));
    private static final String RACING = "racing-web-serve-token-0123456789";
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path work;

    @Test
    void serveAloneWithNoSourceReachableAnswersQueriesWhileASeparateBridgeWrites() throws Exception {
        try (EmbeddedSources sources = new EmbeddedSources(); TestDatabase database = new TestDatabase(sources, "serve_")) {
            DemoSchema.seed(database.dataSource(), DemoSize.small(), 16);
            long meeting = database.queryLong("SELECT min(id) FROM public.meeting");
            try (Bridge bridge = Bridge.start(new BridgeOptions(database.source(PROJECTIONS), sources.mongoUri(), database.name(),
                    work.resolve("offsets.dat"), Duration.ofMillis(100), PROJECTIONS, Duration.ofHours(1)))) {
                BridgeConfig config = new BridgeConfigReader().read(config(sources.mongoUri(), database.name()));
                HttpSettings http = HttpSettings.from(config.http(), Map.of()).withPort(0);
                assertThat(config.source().port()).as("serve's source is unreachable").isEqualTo(1);

                try (QueryService serve = QueryService.start(config.mongo().uri(), config.mongo().database(),
                        new ProjectionDefinitionReader().readDirectory(config.projectionsDirectory()), http)) {
                    URI document = serve.address().resolve("/v1/projections/racing-homepage/documents/" + meeting);
                    await("the snapshot's document, through serve").atMost(CONVERGENCE).pollInterval(Duration.ofMillis(250))
                            .until(() -> get(document, null).statusCode() == 200);
                    HttpResponse<String> first = get(document, null);
                    String etag = first.headers().firstValue("ETag").orElseThrow();
                    assertThat(get(document, etag).statusCode()).as("unchanged: 304").isEqualTo(304);
                    assertThat(get(serve.address().resolve("/v1/projections/event-page/documents"), null).statusCode())
                            .as("another team's projection").isEqualTo(404);
                    assertThat(get(serve.address().resolve("/ready"), null).statusCode()).isEqualTo(200);

                    database.execute("UPDATE public.meeting SET going = 'Served fresh' WHERE id = " + meeting);

                    await("the bridge's new write, through serve").atMost(CONVERGENCE).pollInterval(Duration.ofMillis(100))
                            .until(() -> BsonDocument.parse(get(document, null).body()).getString("going").getValue(),
                                    "Served fresh"::equals);
                    HttpResponse<String> changed = get(document, etag);
                    assertThat(changed.statusCode()).as("changed since the ETag: 200").isEqualTo(200);
                    assertThat(changed.headers().firstValue("ETag")).isPresent().isNotEqualTo(java.util.Optional.of(etag));
                    assertThat(bridge.capture().isStopped()).isFalse();
                }
            }
        }
    }

    private Path config(String mongoUri, String database) throws IOException {
        Path tokens = work.resolve("tokens.yaml");
        Files.writeString(tokens, "racing-web: " + Tokens.sha256Hex(RACING) + "\n");
        Path file = work.resolve("bridge.yaml");
        Files.writeString(file, """
                source:
                  host: 127.0.0.1
                  port: 1
                  database: legacy
                  user: monobridge
                  password-env: MONOBRIDGE_NO_SUCH_PASSWORD
                mongo:
                  uri: %s
                  database: %s
                projections:
                  directory: %s
                http:
                  port: 8080
                  tokens-file: %s
                """.formatted(mongoUri, database, Path.of("../config/projections").toAbsolutePath().normalize(), tokens));
        return file;
    }

    private static HttpResponse<String> get(URI uri, String ifNoneMatch) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + RACING);
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
