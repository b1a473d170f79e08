package dev.monobridge.connector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.drift.DriftSettings;
import dev.monobridge.projector.definition.ConfigException;
import dev.monobridge.projector.definition.ConfigProblem;

/** The {@code drift.*} section of {@code bridge.yaml}: defaults, values, and each bad value at its line. */
class DriftSettingsReaderTest {

    private static final String SOURCE = "source:\n  database: legacy\n  user: bridge\n";

    @TempDir
    Path directory;

    @Test
    void withoutADriftSectionTheSamplerRunsEveryMinuteOnTenDocumentsAndRepairsNothing() throws IOException {
        DriftSettings drift = new BridgeConfigReader().read(write(SOURCE)).drift();

        assertThat(drift).isEqualTo(new DriftSettings(Duration.ofMinutes(1), 10, Duration.ofSeconds(5), false, 100));
        assertThat(drift.isOn()).isTrue();
    }

    @Test
    void theSectionSetsEveryFigureAndZeroTurnsTheSamplerOff() throws IOException {
        DriftSettings drift = new BridgeConfigReader().read(write(SOURCE + """
                drift:
                  interval-ms: 250
                  documents-per-interval: 3
                  statement-timeout-seconds: 2
                  repair: true
                  records-kept: 7
                """)).drift();
        assertThat(drift).isEqualTo(new DriftSettings(Duration.ofMillis(250), 3, Duration.ofSeconds(2), true, 7));

        assertThat(new BridgeConfigReader().read(write(SOURCE + "drift:\n  interval-ms: 0\n")).drift().isOn()).isFalse();
    }

    @Test
    void badValuesAreReportedAtTheirLinesAllAtOnce() throws IOException {
        Path file = write(SOURCE + """
                drift:
                  interval-ms: 20
                  documents-per-interval: 0
                  statement-timeout-seconds: 7200
                  repair: sometimes
                  records-kept: -1
                """);

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
                file + ":5: 'drift.interval-ms' is '20', expected 0 to turn the drift sampler off, or at least 100 ms between rounds",
                file + ":6: 'drift.documents-per-interval' is '0', expected a whole number from 1 to 10000",
                file + ":7: 'drift.statement-timeout-seconds' is '7200', expected a whole number of seconds from 1 to 3600",
                file + ":8: 'drift.repair' is 'sometimes', expected one of false, true",
                file + ":9: 'drift.records-kept' is '-1', expected a whole number from 1 to 100000");
    }

    private Path write(String yaml) throws IOException {
        Path file = directory.resolve("bridge.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
