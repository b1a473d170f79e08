package dev.monobridge.connector.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.projector.definition.ConfigException;
import dev.monobridge.projector.definition.ConfigProblem;

class BridgeConfigReaderTest {

    @TempDir
    Path directory;

    @Test
    void theShippedBridgeYamlIsValid() {
        BridgeConfig config = new BridgeConfigReader().read(Path.of("../config/bridge.yaml"));

        assertThat(config.source().database()).isEqualTo("legacy");
        assertThat(config.projectionsDirectory()).isEqualTo(Path.of("config/projections"));
    }

    @Test
    void unsetKeysTakeTheirDefaults() throws IOException {
        BridgeConfig config = new BridgeConfigReader().read(write("source:\n  database: legacy\n  user: bridge\n"));

        assertThat(config.source().port()).isEqualTo(5432);
        assertThat(config.source().slot()).isEqualTo("monobridge");
        assertThat(config.source().pollInterval()).isEqualTo(Duration.ofMillis(50));
        assertThat(config.mongo().database()).isEqualTo("monobridge");
        assertThat(config.offsetsFlushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.deleteMarkerGrace()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsLine() throws IOException {
        Path file = write("""
                source:
                  database: legacy
                  port: seventy
                  slots: monobridge
                mongo:
                  uri: mongodb://admin:secret@db:27017
                offsets:
                  flush-interval-ms: -5
                extra: 1
                """);

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).extracting(ConfigProblem::line, p -> p.message().split(" ")[0] + " " + p.message().split(" ")[1])
                .contains(
                        org.assertj.core.groups.Tuple.tuple(3, "'source.port' is"),
                        org.assertj.core.groups.Tuple.tuple(4, "unknown key"),
                        org.assertj.core.groups.Tuple.tuple(6, "'mongo.uri' contains"),
                        org.assertj.core.groups.Tuple.tuple(8, "'offsets.flush-interval-ms' is"),
                        org.assertj.core.groups.Tuple.tuple(9, "unknown key"));
        assertThat(error.problems()).anyMatch(p -> p.message().equals("missing 'source.user': " + Settings.SOURCE_USER.description()));
        assertThat(error.problems()).anyMatch(p -> p.message().contains("did you mean 'slot'?"));
        assertThat(error.getMessage()).doesNotContain("secret");
    }

    @Test
    void everySettingIsDocumentedInTheReadmeWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        for (Setting setting : Settings.ALL) {
            String row = readme.lines().filter(line -> line.startsWith("| `" + setting.key() + "`")).findFirst()
                    .orElseThrow(() -> new AssertionError("README.md has no row for " + setting.key()));
            String expectedDefault = setting.isRequired() ? "required" : setting.defaultValue().isEmpty() ? "(none)" : "`" + setting.defaultValue() + "`";
            assertThat(row).as(setting.key()).contains("| " + expectedDefault + " |");
        }
    }

    @Test
    void everySettingHasADescription() {
        assertThat(Settings.ALL).allSatisfy(setting -> assertThat(setting.description()).endsWith("."));
    }

    private Path write(String yaml) throws IOException {
        Path file = directory.resolve("bridge.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
