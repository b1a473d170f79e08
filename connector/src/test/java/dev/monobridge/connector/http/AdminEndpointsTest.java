package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.monobridge.projector.mongo.MongoProjectionStore;

class AdminEndpointsTest {

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        for (long id = 1; id <= 5; id++) {
            api.collection("racing-homepage").insertOne(TestApi.meeting(id, "Venue " + id, "GB", "Good", id));
        }
        api.bridge.database().getCollection(MongoProjectionStore.DEAD_LETTERS, BsonDocument.class).insertOne(
                new BsonDocument("projection", new BsonString("racing-homepage"))
                        .append("reason", new BsonString("the document would exceed its byte budget"))
                        .append("at", new BsonDateTime(Instant.now().toEpochMilli())));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void theStatusGivesEachProjectionsDocumentsSizesAgainstItsBudgetAndLastError() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            BsonDocument status = BsonDocument.parse(api.get("/admin/status", TestApi.ADMIN).body());
            BsonDocument racing = status.getArray("projections").stream().map(p -> p.asDocument())
                    .filter(p -> p.getString("name").getValue().equals("racing-homepage")).findFirst().orElseThrow();
            assertThat(racing.getNumber("documents").longValue()).isEqualTo(5);
            assertThat(racing.getNumber("maxBytes").intValue()).isEqualTo(262144);
            assertThat(racing.getDocument("sizes").getNumber("sampled").intValue()).isEqualTo(5);
            assertThat(racing.getDocument("sizes").getNumber("max").longValue()).isBetween(100L, 1000L);
            assertThat(racing.getNumber("deadLetters").longValue()).isEqualTo(1);
            assertThat(racing.getDocument("lastError").getString("reason").getValue()).contains("byte budget");
            assertThat(status.getNumber("deadLetters").longValue()).isEqualTo(1);
            assertThat(status.getNumber("sourceLagBytes").longValue()).isEqualTo(4096);
        });
    }

    @Test
    void theStatusListsTheRaisedConditionsAsTheyAreRaisedAndCleared() {
        String reason = "column meeting.going is mapped by racing-homepage but gone from the source";
        api.bridge.stats().conditions().raise("column-gone:meeting.going", reason);
        try {
            BsonDocument raised = BsonDocument.parse(api.get("/admin/status", TestApi.ADMIN).body());
            assertThat(raised.getArray("conditions")).containsExactly(new BsonString(reason));
        } finally {
            api.bridge.stats().conditions().clear("column-gone:meeting.going");
        }
        assertThat(BsonDocument.parse(api.get("/admin/status", TestApi.ADMIN).body()).getArray("conditions")).isEmpty();
    }

    @Test
    void theHistoryHoldsASampleEveryTwoSeconds() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                BsonDocument.parse(api.get("/admin/history", TestApi.ADMIN).body()).getArray("samples")).hasSizeGreaterThanOrEqualTo(2));
    }

    @Test
    void aRebuildIsStartedAndASecondWhileItRunsIsAConflict() {
        HttpResponse<String> started = api.post("/admin/projections/event-page/rebuild", TestApi.ADMIN);
        HttpResponse<String> again = api.post("/admin/projections/event-page/rebuild", TestApi.ADMIN);

        assertThat(started.statusCode()).isEqualTo(202);
        assertThat(BsonDocument.parse(started.body()).getString("phase").getValue()).isEqualTo("SNAPSHOT");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(api.post("/admin/projections/event-page/rebuild/cancel", TestApi.ADMIN).statusCode()).isEqualTo(200);
        assertThat(api.post("/admin/projections/event-page/rebuild/cancel", TestApi.ADMIN).statusCode()).isEqualTo(409);
    }

    @Test
    void oneDocumentCanBeRebuiltByKey() {
        assertThat(api.post("/admin/projections/customer-bets/rebuild?key=17", TestApi.ADMIN).statusCode()).isEqualTo(202);
        assertThat(api.bridge.rebuildsStarted).contains("customer-bets/17");
    }

    @Test
    void rebuildingAnUnknownProjectionIs404() {
        assertThat(api.post("/admin/projections/nope/rebuild", TestApi.ADMIN).statusCode()).isEqualTo(404);
        assertThat(api.post("/admin/projections/nope/rebuild/cancel", TestApi.ADMIN).statusCode()).isEqualTo(404);
    }

    @Test
    void aGetOnARebuildIsMethodNotAllowed() {
        HttpResponse<String> response = api.get("/admin/projections/event-page/rebuild", TestApi.ADMIN);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void theDeadLettersAreListedNewestFirst() {
        BsonDocument letters = BsonDocument.parse(api.get("/admin/dead-letters?projection=racing-homepage&limit=5", TestApi.ADMIN).body());

        assertThat(letters.getNumber("count").longValue()).isEqualTo(1);
        assertThat(letters.getArray("deadLetters")).hasSize(1);
        assertThat(api.get("/admin/dead-letters?limit=100000", TestApi.ADMIN).statusCode()).isEqualTo(400);
    }

    @Test
    void theMetricsIncludeTheBridgesFigures() {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            String metrics = api.get("/metrics", TestApi.ADMIN).body();
            assertThat(metrics).contains("monobridge_changes_total", "monobridge_lag_seconds", "monobridge_batches_total",
                    "monobridge_list_entries_trimmed_total", "monobridge_delete_markers_expired_total",
                    "monobridge_row_states_loaded_total", "monobridge_row_state_queries_total",
                    "monobridge_dead_letters 1.0", "monobridge_source_lag_bytes 4096.0",
                    "monobridge_documents{projection=\"racing-homepage\"} 5.0",
                    "monobridge_document_size_bytes_bucket{projection=\"racing-homepage\"",
                    "monobridge_document_budget_bytes{projection=\"racing-homepage\"} 262144.0",
                    "monobridge_rebuild_progress_ratio{projection=\"event-page\"}", "jvm_memory_used_bytes");
        });
    }
}
