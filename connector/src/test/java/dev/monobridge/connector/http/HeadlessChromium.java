package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, for the dashboard's browser tests: each run gets its own profile under a
 * test's temporary folder, and its log goes to {@code target/chromium-N.log}.
 */
final class HeadlessChromium {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final long RUN_SECONDS = 60;

    private final Path profiles;
    private final AtomicInteger runs = new AtomicInteger();

    HeadlessChromium(Path profiles) {
        this.profiles = profiles;
    }

    static boolean installed() {
        return Files.isExecutable(CHROMIUM);
    }

    /** Chromium's DOM after the page has run for a few (virtual) seconds: two refreshes, and the first render. */
    String dumpDom(URI url) throws IOException, InterruptedException {
        return run(List.of("--virtual-time-budget=5000", "--dump-dom", url.toString()));
    }

    String run(List<String> arguments) throws IOException, InterruptedException {
        int run = runs.incrementAndGet();
        Path profile = Files.createDirectories(profiles.resolve("profile-" + run));
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + profile));
        command.addAll(arguments);
        Path out = profiles.resolve("chromium-" + run + ".out");
        Path log = Path.of("target", "chromium-" + run + ".log");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(RUN_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("chromium did not finish within " + RUN_SECONDS + " s; see " + log.toAbsolutePath());
        }
        assertThat(process.exitValue()).as("chromium's exit code; see " + log.toAbsolutePath()).isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
