package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.demo.DemoSize;

/**
 * The trace page (issue 17) in a real browser: Debian's Chromium, headless, looks up a document and a source
 * row on the demo bridge and the test reads the page as the browser rendered it. Skipped where
 * {@code /usr/bin/chromium} is missing.
 */
class TraceBrowserIT {

    private static final long EVENT = 900_001;

    @TempDir
    Path profiles;

    private static BsonDocument eventPage(DemoBridge demo) {
        return demo.bridge.database().getCollection("event_page", BsonDocument.class)
                .find(new BsonDocument("_id", new BsonInt64(EVENT))).first();
    }

    @Test
    void theTracePageShowsADocumentsTrailAndSaysWhenARowWasNeverSeen() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "Debian's chromium is not installed at " + HeadlessChromium.CHROMIUM);
        HeadlessChromium chromium = new HeadlessChromium(profiles);
        try (DemoBridge demo = new DemoBridge(DemoSize.small())) {
            demo.execute("insert into event (id, sport_id, name, start_time, status) values (" + EVENT
                    + ", (select min(id) from sport), 'Trace Cup', now() + interval '1 day', 'SCHEDULED')");
            await().atMost(Duration.ofSeconds(90)).until(() -> eventPage(demo) != null);
            // The insert may have come while the initial snapshot still ran, and then reached the document as the
            // snapshot's read; an update of a row the document already shows always comes from the stream.
            demo.execute("update event set name = 'Trace Cup Final' where id = " + EVENT);
            await().atMost(Duration.ofSeconds(90)).until(() -> "Trace Cup Final".equals(eventPage(demo).getString("name").getValue()));
            URI base = demo.api.address().orElseThrow();
            String token = "#token=" + URLEncoder.encode(demo.tokens.admin(), StandardCharsets.UTF_8);

            String document = chromium.dumpDom(base.resolve("/dashboard/trace?projection=event-page&key=" + EVENT + token));
            String row = chromium.dumpDom(base.resolve("/dashboard/trace?table=public.selection&key=987654321" + token));

            assertThat(document).contains("event-page " + EVENT + ": the document exists", "_meta: {",
                    "u public.event id=" + EVENT, "wrote: (whole document)", "The bridge has reached source position");
            assertThat(row).contains("public.selection 987654321: never seen", "The bridge has reached source position");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/dashboard/trace")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.headers().firstValue("Content-Security-Policy")).as("the dashboard's policy: no inline script")
                    .hasValueSatisfying(policy -> assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline"));
            assertThat(page.body()).doesNotContain("<script>");
        }
    }
}
