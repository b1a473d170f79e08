package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.monobridge.connector.drift.DriftFigures;
import dev.monobridge.projector.mongo.MongoDocumentShape;
import dev.monobridge.projector.mongo.MongoDriftLog;

/** The drift sampler's figures over HTTP: {@code /admin/drift}, {@code /admin/status}'s {@code drift} and {@code /metrics}. */
class DriftEndpointsTest {

    private TestApi api;

    @BeforeEach
    void start() {
        api = TestApi.start();
        api.bridge.drift = new DriftFigures.Snapshot(true, Instant.parse("2026-12-01T17:00:00Z"), null, Map.of(
                "racing-homepage", new DriftFigures.Projection(120, 2, 1, 4, 0, Map.of(MongoDocumentShape.Kind.UNDECLARED_FIELD, 3L))));
        MongoDriftLog log = new MongoDriftLog(api.bridge.database());
        log.record(new BsonDocument("projection", new BsonString("racing-homepage")).append("documentId", new BsonInt64(7))
                .append("differences", new BsonArray()), 100);
        log.record(new BsonDocument("projection", new BsonString("event-page")).append("documentId", new BsonInt64(3))
                .append("differences", new BsonArray()), 100);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void theAdminReadsTheFiguresAndTheNewestRecordsFirst() {
        HttpResponse<String> response = api.get("/admin/drift", TestApi.ADMIN);

        assertThat(response.statusCode()).isEqualTo(200);
        BsonDocument drift = BsonDocument.parse(response.body());
        assertThat(drift.getNumber("drifted").longValue()).isEqualTo(2);
        assertThat(drift.getString("lastRoundAt").getValue()).isEqualTo("2026-12-01T17:00:00Z");
        BsonDocument racing = drift.getDocument("projections").getDocument("racing-homepage");
        assertThat(racing.getNumber("checked").longValue()).isEqualTo(120);
        assertThat(racing.getDocument("shape").getNumber("undeclared-field").longValue()).isEqualTo(3);
        assertThat(drift.getArray("records").stream().map(r -> r.asDocument().getString("projection").getValue()))
                .containsExactly("event-page", "racing-homepage");

        BsonDocument racingOnly = BsonDocument.parse(api.get("/admin/drift?projection=racing-homepage&limit=5", TestApi.ADMIN).body());
        assertThat(racingOnly.getArray("records")).hasSize(1);
        assertThat(BsonDocument.parse(api.get("/admin/status", TestApi.ADMIN).body()).getDocument("drift").getNumber("drifted").longValue())
                .isEqualTo(2);
    }

    @Test
    void aTeamTokenGets403AndABadLimit400() {
        assertThat(api.get("/admin/drift", TestApi.RACING).statusCode()).isEqualTo(403);
        assertThat(api.get("/admin/drift?limit=0", TestApi.ADMIN).statusCode()).isEqualTo(400);
    }

    @Test
    void theMetricsCountDriftAndShapeProblemsPerProjectionAndKind() {
        String metrics = api.get("/metrics", TestApi.METRICS).body();

        assertThat(metrics).contains("monobridge_drift_documents_total{projection=\"racing-homepage\"} 2.0")
                .contains("monobridge_drift_checked_total{projection=\"racing-homepage\"} 120.0")
                .contains("monobridge_drift_repaired_total{projection=\"racing-homepage\"} 1.0")
                .contains("monobridge_drift_moved_total{projection=\"racing-homepage\"} 4.0")
                .contains("monobridge_shape_problems_total{kind=\"undeclared-field\",projection=\"racing-homepage\"} 3.0")
                .contains("monobridge_drift_documents_total{projection=\"event-page\"} 0.0");
    }
}
