package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.monobridge.query.Tokens;

class TeamIsolationTest {

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        api.collection("racing-homepage").insertOne(TestApi.meeting(1, "Ascot", "GB", "Soft", 100));
        api.collection("event-page").insertOne(TestApi.event(7, "Arsenal v Chelsea", "OPEN"));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aTeamReadsTheProjectionsItOwns() {
        HttpResponse<String> meeting = api.get("/v1/projections/racing-homepage/documents/1", TestApi.RACING);
        HttpResponse<String> event = api.get("/v1/projections/event-page/documents/7", TestApi.SPORTSBOOK);

        assertThat(meeting.statusCode()).isEqualTo(200);
        assertThat(BsonDocument.parse(meeting.body()).getString("venue").getValue()).isEqualTo("Ascot");
        assertThat(event.statusCode()).isEqualTo(200);
        assertThat(BsonDocument.parse(event.body()).getString("name").getValue()).isEqualTo("Arsenal v Chelsea");
    }

    @Test
    void theRacingTeamCannotReadTheSportsbookTeamsProjectionWhichAnswersAsIfItDidNotExist() {
        HttpResponse<String> document = api.get("/v1/projections/event-page/documents/7", TestApi.RACING);
        HttpResponse<String> list = api.get("/v1/projections/event-page/documents", TestApi.RACING);
        HttpResponse<String> unknown = api.get("/v1/projections/no-such-projection/documents", TestApi.RACING);

        assertThat(document.statusCode()).isEqualTo(404);
        assertThat(list.statusCode()).isEqualTo(404);
        assertThat(document.body()).doesNotContain("Arsenal");
        assertThat(message(list)).isEqualTo(message(unknown).replace("no-such-projection", "event-page"));
    }

    @Test
    void theSportsbookTeamCannotReadTheRacingTeamsProjection() {
        assertThat(api.get("/v1/projections/racing-homepage/documents/1", TestApi.SPORTSBOOK).statusCode()).isEqualTo(404);
        assertThat(api.get("/v1/projections/racing-homepage/documents?country=GB", TestApi.SPORTSBOOK).statusCode()).isEqualTo(404);
    }

    @Test
    void aTeamSeesOnlyItsOwnProjectionsInTheList() {
        HttpResponse<String> response = api.get("/v1/projections", TestApi.RACING);

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> names = BsonDocument.parse(response.body()).getArray("projections").stream()
                .map(p -> p.asDocument().getString("name").getValue()).toList();
        assertThat(names).containsExactly("racing-homepage");
    }

    @Test
    void theAdminTokenReadsEveryProjection() {
        assertThat(api.get("/v1/projections/racing-homepage/documents/1", TestApi.ADMIN).statusCode()).isEqualTo(200);
        assertThat(api.get("/v1/projections/event-page/documents/7", TestApi.ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingTokenGets401WithABearerChallenge() {
        for (String path : List.of("/v1/projections", "/v1/projections/racing-homepage/documents/1", "/admin/status",
                "/metrics", "/openapi.yaml")) {
            HttpResponse<String> response = api.get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(BsonDocument.parse(response.body()).getInt32("status").getValue()).isEqualTo(401);
        }
    }

    @Test
    void aWrongTokenGets401() {
        assertThat(api.get("/v1/projections/racing-homepage/documents/1", "not-a-token").statusCode()).isEqualTo(401);
        assertThat(api.get("/admin/status", "not-a-token").statusCode()).isEqualTo(401);
        HttpResponse<String> basic = api.get("/v1/projections", null, "Authorization", "Basic " + TestApi.RACING);
        assertThat(basic.statusCode()).isEqualTo(401);
    }

    @Test
    void aTeamTokenGets403OnEveryAdminEndpoint() {
        assertThat(api.get("/admin/status", TestApi.RACING).statusCode()).isEqualTo(403);
        assertThat(api.get("/admin/history", TestApi.SPORTSBOOK).statusCode()).isEqualTo(403);
        assertThat(api.get("/admin/dead-letters", TestApi.RACING).statusCode()).isEqualTo(403);
        assertThat(api.post("/admin/projections/racing-homepage/rebuild", TestApi.RACING).statusCode()).isEqualTo(403);
        assertThat(api.post("/admin/projections/racing-homepage/rebuild/cancel", TestApi.RACING).statusCode()).isEqualTo(403);
        assertThat(api.get("/metrics", TestApi.RACING).statusCode()).isEqualTo(403);
        assertThat(api.bridge.rebuildsStarted).isEmpty();
    }

    @Test
    void theAdminTokenReachesTheAdminEndpoints() {
        assertThat(api.get("/admin/status", TestApi.ADMIN).statusCode()).isEqualTo(200);
        assertThat(api.get("/admin/history", TestApi.ADMIN).statusCode()).isEqualTo(200);
        assertThat(api.get("/admin/dead-letters", TestApi.ADMIN).statusCode()).isEqualTo(200);
        assertThat(api.get("/metrics", TestApi.ADMIN).statusCode()).isEqualTo(200);
    }

    @Test
    void theMetricsTokenReadsTheMetricsAndNothingElse() {
        assertThat(api.get("/metrics", TestApi.METRICS).statusCode()).isEqualTo(200);
        assertThat(api.get("/admin/status", TestApi.METRICS).statusCode()).isEqualTo(403);
        assertThat(api.get("/v1/projections/racing-homepage/documents/1", TestApi.METRICS).statusCode()).isEqualTo(403);
    }

    @Test
    void healthReadinessAndTheDashboardPageNeedNoToken() {
        assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
        assertThat(api.get("/ready", null).statusCode()).isEqualTo(200);
        HttpResponse<String> page = api.get("/dashboard", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        assertThat(api.get("/dashboard.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theOpenApiFileIsServedToAnyTeam() {
        HttpResponse<String> response = api.get("/openapi.yaml", TestApi.SPORTSBOOK);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("openapi: 3").contains("/v1/projections/{projection}/documents/{key}:");
    }

    @Test
    void tokensNeverAppearInTheLogNorInResponses() {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        String wrong = "wrong-token-that-must-not-be-logged";
        List<HttpResponse<String>> responses;
        try {
            responses = List.of(api.get("/v1/projections/racing-homepage/documents/1", wrong),
                    api.get("/admin/status", TestApi.RACING),
                    api.get("/v1/projections/event-page/documents/7", TestApi.RACING),
                    api.get("/v1/projections/racing-homepage/documents?venue[$ne]=x", TestApi.RACING),
                    api.get("/no/such/path", TestApi.ADMIN));
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        for (String token : List.of(wrong, TestApi.RACING, TestApi.ADMIN, Tokens.sha256Hex(TestApi.RACING))) {
            assertThat(log).doesNotContain(token);
            responses.forEach(response -> assertThat(response.body()).doesNotContain(token));
        }
    }

    private static String message(HttpResponse<String> response) {
        BsonValue message = BsonDocument.parse(response.body()).get("message");
        return message.asString().getValue();
    }
}
