package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.monobridge.connector.demo.DemoSize;

/**
 * The HTTP server on the whole bridge: real PostgreSQL with logical decoding, Debezium, the projector,
 * and the in-process MongoDB. Source changes made with SQL show up through the API.
 */
class HttpApiIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static DemoBridge demo;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        demo = new DemoBridge(DemoSize.tiny());
        await().atMost(CATCH_UP).until(() -> demo.bridge.documentCounts().get("racing_homepage") == 2);
    }

    @AfterAll
    static void stop() throws Exception {
        demo.close();
    }

    @Test
    void aSourceChangeTurnsA304IntoA200WithANewETag() throws Exception {
        String racing = demo.tokens.team("racing-web");
        BsonDocument first = BsonDocument.parse(get("/v1/projections/racing-homepage/documents?limit=1", racing).body())
                .getArray("documents").get(0).asDocument();
        long id = first.getNumber("_id").longValue();
        String path = "/v1/projections/racing-homepage/documents/" + id;
        HttpResponse<String> original = get(path, racing);
        String etag = original.headers().firstValue("ETag").orElseThrow();

        assertThat(get(path, racing, "If-None-Match", etag).statusCode()).isEqualTo(304);

        demo.execute("update meeting set going = 'Waterlogged' where id = " + id);

        AtomicReference<HttpResponse<String>> changed = new AtomicReference<>();
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(100)).until(() -> {
            changed.set(get(path, racing, "If-None-Match", etag));
            return changed.get().statusCode() == 200;
        });
        String newTag = changed.get().headers().firstValue("ETag").orElseThrow();
        assertThat(newTag).isNotEqualTo(etag);
        assertThat(BsonDocument.parse(changed.get().body()).getString("going").getValue()).isEqualTo("Waterlogged");
        assertThat(get(path, racing, "If-None-Match", newTag).statusCode()).isEqualTo(304);
    }

    @Test
    void eachTeamReadsOnlyItsOwnLiveProjection() throws Exception {
        String racing = demo.tokens.team("racing-web");
        String sportsbook = demo.tokens.team("sportsbook-web");

        assertThat(get("/v1/projections/racing-homepage/documents", racing).statusCode()).isEqualTo(200);
        assertThat(get("/v1/projections/event-page/documents", sportsbook).statusCode()).isEqualTo(200);
        assertThat(get("/v1/projections/event-page/documents", racing).statusCode()).isEqualTo(404);
        assertThat(get("/v1/projections/racing-homepage/documents", sportsbook).statusCode()).isEqualTo(404);
        assertThat(get("/v1/projections/customer-bets/documents", sportsbook).statusCode()).isEqualTo(404);
        assertThat(get("/admin/status", racing).statusCode()).isEqualTo(403);
        assertThat(get("/admin/status", null).statusCode()).isEqualTo(401);
    }

    @Test
    void anAdminRebuildRunsToTheEndWhileReadersKeepReading() throws Exception {
        String admin = demo.tokens.admin();
        String racing = demo.tokens.team("racing-web");

        HttpResponse<String> started = post("/admin/projections/racing-homepage/rebuild", admin);

        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await().atMost(CATCH_UP).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            HttpResponse<String> page = get("/v1/projections/racing-homepage/documents", racing);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(BsonDocument.parse(page.body()).getArray("documents")).hasSize(2);
            BsonDocument racingStatus = projection(BsonDocument.parse(get("/admin/status", admin).body()), "racing-homepage");
            assertThat(racingStatus.getDocument("rebuild").getString("phase").getValue()).isEqualTo("DONE");
        });
    }

    @Test
    void readinessAndMetricsFollowTheLiveBridge() throws Exception {
        assertThat(get("/ready", null).statusCode()).isEqualTo(200);
        await().atMost(CATCH_UP).untilAsserted(() -> {
            String metrics = get("/metrics", demo.tokens.admin()).body();
            assertThat(metrics).containsPattern("monobridge_changes_total [1-9]")
                    .containsPattern("monobridge_documents\\{projection=\"racing-homepage\"} 2.0")
                    .containsPattern("monobridge_source_lag_bytes [0-9]")
                    .contains("monobridge_document_size_bytes_count{projection=\"event-page\"}");
        });
    }

    private static BsonDocument projection(BsonDocument status, String name) {
        List<BsonDocument> projections = status.getArray("projections").stream().map(p -> p.asDocument()).toList();
        return projections.stream().filter(p -> p.getString("name").getValue().equals(name)).findFirst().orElseThrow();
    }

    private static HttpResponse<String> get(String path, String token, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return demo.api.address().orElseThrow().resolve(path);
    }
}
