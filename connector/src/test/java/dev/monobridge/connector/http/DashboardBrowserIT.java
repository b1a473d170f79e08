package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Pattern CHANGES = Pattern.compile("id=\"changes-total\"[^>]*>([0-9,]+)<");
    private static final Duration RUN_TIME = Duration.ofSeconds(90);

    @TempDir
    Path profiles;

    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void theDashboardRendersEveryProjectionsFiguresAndTheyMoveWhileTheWorkloadRuns() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed at " + CHROMIUM + " (.ci/run installs it)");
        try (DemoBridge demo = new DemoBridge(DemoSize.small())) {
            demo.startWorkload(200);
            URI base = demo.api.address().orElseThrow();
            URI dashboard = demo.tokens.dashboard(base);
            // Figures to show: documents in every projection, and sizes sampled.
            await().atMost(RUN_TIME).until(() -> demo.bridge.documentCounts().values().stream().allMatch(n -> n > 0)
                    && demo.bridge.stats().changes() > 0);

            AtomicLong firstChanges = new AtomicLong();
            await().atMost(RUN_TIME).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                String dom = dumpDom(dashboard);
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
                    .until(() -> changes(dumpDom(dashboard)) > firstChanges.get());

            Path screenshot = Path.of("target", "dashboard.png").toAbsolutePath();
            Files.deleteIfExists(screenshot);
            chromium(List.of("--screenshot=" + screenshot, "--window-size=1280,900", "--hide-scrollbars",
                    "--virtual-time-budget=6000", dashboard.toString()));
            assertThat(screenshot).exists();
            assertThat(Files.size(screenshot)).isGreaterThan(20_000);
        }
    }

    /** Chromium's DOM after the page has run for a few (virtual) seconds: two refreshes, and the first render. */
    private String dumpDom(URI url) throws IOException, InterruptedException {
        return chromium(List.of("--virtual-time-budget=5000", "--dump-dom", url.toString()));
    }

    private String chromium(List<String> arguments) throws IOException, InterruptedException {
        int run = runs.incrementAndGet();
        Path profile = Files.createDirectories(profiles.resolve("profile-" + run));
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(arguments);
        Path out = profiles.resolve("chromium-" + run + ".out");
        Path log = Path.of("target", "chromium-" + run + ".log");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within 60 s; see " + log.toAbsolutePath());
        }
        assertThat(process.exitValue()).as("chromium's exit code; see " + log.toAbsolutePath()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
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
