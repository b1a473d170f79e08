package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's Problems panel in headless Chromium, over the HTTP server alone (no capture): a raised
 * condition appears in the panel with its reason, and when it is cleared the panel says all is well.
 * Skipped where {@code /usr/bin/chromium} is missing.
 */
class DashboardProblemsBrowserIT {

    private static final Duration RENDERED = Duration.ofSeconds(60);
    private static final String REASON = "MongoDB has not acknowledged a write for 31 s: writes are retried";

    @TempDir
    Path profiles;

    @Test
    void aRaisedConditionIsShownInTheProblemsPanelAndTheEmptyPanelSaysAllIsWell() {
        assumeTrue(HeadlessChromium.installed(), "Debian's chromium is not installed at " + HeadlessChromium.CHROMIUM);
        HeadlessChromium chromium = new HeadlessChromium(profiles);
        try (TestApi api = TestApi.start()) {
            URI dashboard = URI.create(api.base + "/dashboard#token=" + TestApi.ADMIN);
            api.bridge.stats().conditions().raise("mongo-unacknowledged", REASON);

            await().atMost(RENDERED).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                String problems = panel(chromium.dumpDom(dashboard));
                assertThat(problems).contains("<li class=\"problem\">" + REASON + "</li>");
                assertThat(problems).containsPattern("id=\"no-problems\"[^>]*hidden");
            });

            api.bridge.stats().conditions().clear("mongo-unacknowledged");

            await().atMost(RENDERED).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                String problems = panel(chromium.dumpDom(dashboard));
                assertThat(problems).doesNotContain("<li").contains("All is well.");
                assertThat(problems).doesNotContainPattern("id=\"no-problems\"[^>]*hidden");
            });
        }
    }

    private static String panel(String dom) {
        int start = dom.indexOf("id=\"problems-panel\"");
        assertThat(start).as("a Problems panel in the page").isNotNegative();
        return dom.substring(start, dom.indexOf("</section>", start));
    }
}
