package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.drift.DriftSettings;

/**
 * The dashboard's Drift panel in Debian's headless Chromium: with the sampler running it says how many documents
 * drifted and names the newest one with its first difference (a document changed directly in MongoDB).
 */
class DashboardDriftBrowserIT {

    private static final Duration RUN_TIME = Duration.ofSeconds(60);
    private static final DriftSettings EVERY_300_MS = new DriftSettings(Duration.ofMillis(300), 100, Duration.ofSeconds(5), false, 100);

    @TempDir
    Path profiles;

    @Test
    void theDriftPanelShowsTheDriftedDocumentWithItsFirstDifference() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "Debian's chromium is not installed at " + HeadlessChromium.CHROMIUM
                + " (.ci/run installs it)");
        HeadlessChromium chromium = new HeadlessChromium(profiles);
        try (DemoBridge demo = new DemoBridge(DemoSize.small(), EVERY_300_MS);
             MongoClient client = MongoClients.create(demo.mongo.connectionString())) {
            URI dashboard = demo.tokens.dashboard(demo.api.address().orElseThrow());
            await().atMost(RUN_TIME).until(() -> demo.bridge.drift().snapshot().projections().get("racing-homepage").checked() > 0);
            String quiet = chromium.dumpDom(dashboard);
            assertThat(quiet).contains("Drift against the source: <span id=\"drift-total\" class=\"value\">0</span> documents");

            MongoCollection<BsonDocument> homepage = client.getDatabase("monobridge").getCollection("racing_homepage", BsonDocument.class);
            BsonDocument meeting = homepage.find().sort(Sorts.ascending("_id")).first();
            homepage.updateOne(Filters.eq("_id", meeting.get("_id")), Updates.set("going", "Tampered"));
            await().atMost(RUN_TIME).until(() -> demo.bridge.drift().snapshot().drifted() == 1);

            String dom = chromium.dumpDom(dashboard);
            assertThat(dom).contains("Drift against the source: <span id=\"drift-total\" class=\"value bad-text\">1</span> documents")
                    .contains("racing-homepage " + meeting.getInt64("_id").getValue() + ": 1 paths differ, e.g. going stored "
                            + "\"Tampered\", source gives \"" + meeting.getString("going").getValue() + "\"; repair off");
        }
    }
}
