package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.demo.DemoSize;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, loads the page while the demo workload
 * runs, and the test reads the page as the browser rendered it. Skipped where {@code /usr/bin/chromium}
 * is missing ({@code .ci/run} installs it). Leaves a screenshot at {@code target/dashboard.png}.
 */
class DashboardBrowserIT {

    private static final Pattern CHANGES = Pattern.compile("id=\"changes-total\"[^>]*>([0-9,]+)<");
    private static final Duration RUN_TIME = Duration.ofSeconds(90);

    @TempDir
    Path profiles;

    @Test
    void theDashboardRendersEveryProjectionsFiguresAndTheyMoveWhileTheWorkloadRuns() throws Exception {
        assumeTrue(HeadlessChromium.installed(), "Debian's chromium is not installed at " + HeadlessChromium.CHROMIUM
                + " (.ci/run installs it)");
        HeadlessChromium chromium = new HeadlessChromium(profiles);
        try (DemoBridge demo = new DemoBridge(DemoSize.small())) {
            demo.startWorkload(200);
            URI base = demo.api.address().orElseThrow();
            URI dashboard = demo.tokens.dashboard(base);
            // Figures to show: documents in every projection, and sizes sampled.
            await().atMost(RUN_TIME).until(() -> demo.bridge.documentCounts().values().stream().allMatch(n -> n > 0)
                    && demo.bridge.stats().changes() > 0);

            AtomicLong firstChanges = new AtomicLong();
            await().atMost(RUN_TIME).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                String dom = chromium.dumpDom(dashboard);
                assertThat(dom).contains("capturing");
                for (String projection : List.of("customer-bets", "event-page", "racing-homepage")) {
                    assertThat(row(dom, projection)).as(projection)
                            .containsPattern("class=\"number documents\">[1-9][0-9,]*<")
                            .containsPattern("[0-9.,]+ (B|KiB) / [0-9.,]+ (B|KiB) / [0-9.,]+ (B|KiB) of [0-9.,]+ KiB \\([1-9][0-9]* sampled\\)");
                }
                assertThat(polylines(dom)).as("charts with points").isGreaterThanOrEqualTo(4);
                firstChanges.set(changes(dom));
                assertThat(firstChanges.get()).isPositive();
            });

            // The same page, loaded again later, shows more changes: the figures follow the bridge.
            await().atMost(RUN_TIME).pollInterval(Duration.ofSeconds(2))
                    .until(() -> changes(chromium.dumpDom(dashboard)) > firstChanges.get());

            Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);
            chromium.run(List.of("--screenshot=" + screenshot, "--window-size=1280,900", "--hide-scrollbars",
                    "--virtual-time-budget=6000", dashboard.toString()));
            assertThat(screenshot).exists();
            assertThat(Files.size(screenshot)).isGreaterThan(20_000);
        }
    }

    private static long changes(String dom) {
        Matcher matcher = CHANGES.matcher(dom);
        return matcher.find() ? Long.parseLong(matcher.group(1).replace(",", "")) : 0;
    }

    private static String row(String dom, String projection) {
        int start = dom.indexOf("data-projection=\"" + projection + "\"");
        assertThat(start).as("a row for " + projection).isNotNegative();
        int end = dom.indexOf("</tr>", start);
        return dom.substring(start, end);
    }

    private static int polylines(String dom) {
        Matcher matcher = Pattern.compile("<polyline class=\"line\" points=\"[0-9.]+,[0-9.]+ [0-9.]+,").matcher(dom);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
