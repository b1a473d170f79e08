package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class ReadinessTest {

    @Test
    void aRunningBridgeIsReady() {
        try (TestApi api = TestApi.start()) {
            HttpResponse<String> response = api.get("/ready", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(BsonDocument.parse(response.body()).getBoolean("ready").getValue()).isTrue();
        }
    }

    @Test
    void aStoppedCaptureIsNotReadyAndSaysWhy() {
        try (TestApi api = TestApi.start()) {
            api.bridge.captureStopped = "the capture stopped: replication slot is gone";

            HttpResponse<String> response = api.get("/ready", null);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("replication slot is gone");
            assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aSourceKeepingMoreLogThanTheThresholdIsNotReady() {
        try (TestApi api = TestApi.start()) {
            api.bridge.sourceLagBytes = HttpSettings.DEFAULT_READY_MAX_SOURCE_LAG_BYTES + 1;

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                HttpResponse<String> response = api.get("/ready", null);
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(response.body()).contains("the source keeps 1,024 MiB of log for capture");
            });
        }
    }

    @Test
    void anUnreachableMongoIsNotReady() {
        try (TestApi api = TestApi.start()) {
            api.mongo.close();

            HttpResponse<String> response = api.get("/ready", null);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.body()).contains("MongoDB");
            assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
        }
    }
}
