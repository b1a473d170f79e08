package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code monobridge} wrapper script, run for real by bash in a stand-in checkout whose jar is up to
 * date (so nothing is built) and with a stand-in {@code java} that prints where it runs and what it got.
 */
class WrapperScriptTest {

    /** A script that only starts a stand-in answers at once; anything slower is a hang. */
    private static final long MOST_SECONDS = 30;

    @TempDir
    Path directory;

    @Test
    void theCommandRunsWhereTheUserStandsSoARelativeConfigPathMeansWhatTheyTyped() throws Exception {
        Path checkout = Files.createDirectories(directory.resolve("checkout"));
        Files.copy(Path.of("../monobridge"), checkout.resolve("monobridge"));
        Files.writeString(checkout.resolve("pom.xml"), "");
        Files.createDirectories(checkout.resolve("projector"));
        Files.createDirectories(checkout.resolve("connector/target/lib"));
        // Written after the sources, so that the script finds it up to date and builds nothing.
        Files.writeString(checkout.resolve("connector/target/monobridge.jar"), "");
        Path bin = Files.createDirectories(directory.resolve("bin"));
        Path java = Files.writeString(bin.resolve("java"), "#!/usr/bin/env bash\necho \"cwd=$PWD\"\necho \"args=$*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path elsewhere = Files.createDirectories(directory.resolve("elsewhere"));

        ProcessBuilder builder = new ProcessBuilder(List.of("bash", checkout.resolve("monobridge").toString(),
                "run", "--config", "bridge.yaml")).directory(elsewhere.toFile()).redirectErrorStream(true);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        assertThat(process.waitFor(MOST_SECONDS, TimeUnit.SECONDS)).as("the script finished").isTrue();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(output).as(output)
                .contains("cwd=" + elsewhere.toRealPath())
                .contains("args=-Xmx512m -cp " + checkout.toRealPath() + "/connector/target/monobridge.jar:"
                        + checkout.toRealPath() + "/connector/target/lib/* dev.monobridge.connector.cli.MonobridgeCommand "
                        + "run --config bridge.yaml")
                .doesNotContain("Building");
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void theShippedScriptIsExecutable() throws IOException {
        assertThat(Files.isExecutable(Path.of("../monobridge"))).isTrue();
    }
}
