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
        assertThat(config.projectionsDirectory()).isEqualTo(Path.of("../config/projections").toAbsolutePath().normalize());
        assertThat(config.offsetsFile()).isEqualTo(Path.of("../data/offsets.dat").toAbsolutePath().normalize());
    }

    @Test
    void everyRelativePathInsideTheFileIsRelativeToTheFilesFolderNotTheWorkingDirectory() throws IOException {
        Path folder = Files.createDirectories(directory.resolve("deploy"));
        Path file = folder.resolve("bridge.yaml");
        Files.writeString(file, """
                source:
                  database: legacy
                  user: bridge
                  password-file: secrets/pg-password
                offsets:
                  file: state/offsets.dat
                projections:
                  directory: ../definitions
                http:
                  tokens-file: secrets/tokens.yaml
                """);

        BridgeConfig config = new BridgeConfigReader().read(file);

        assertThat(config.source().passwordFile()).isEqualTo(folder.resolve("secrets/pg-password").toString());
        assertThat(config.offsetsFile()).isEqualTo(folder.resolve("state/offsets.dat"));
        assertThat(config.projectionsDirectory()).isEqualTo(directory.resolve("definitions"));
        assertThat(config.http().tokensFile()).isEqualTo(folder.resolve("secrets/tokens.yaml"));
    }

    @Test
    void absolutePathsAndTheDefaultsFollowTheSameRule() throws IOException {
        Path tokens = directory.resolve("elsewhere/tokens.yaml").toAbsolutePath();
        Path file = write("source:\n  database: legacy\n  user: bridge\nhttp:\n  tokens-file: " + tokens + "\n");

        BridgeConfig config = new BridgeConfigReader().read(file);

        assertThat(config.http().tokensFile()).isEqualTo(tokens);
        assertThat(config.projectionsDirectory()).isEqualTo(directory.resolve("projections"));
        assertThat(config.offsetsFile()).isEqualTo(directory.resolve("data/offsets.dat"));
        assertThat(config.source().passwordFile()).isEmpty();
    }

    @Test
    void theDockerComposeBridgeYamlIsValid() {
        BridgeConfig config = new BridgeConfigReader().read(Path.of("../docker/bridge.yaml"));

        assertThat(config.source().slot()).isEqualTo("monobridge");
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
    void aKeyThatWasRenamedIsRefusedWithItsNewNameAndNotAlsoAsUnknown() throws IOException {
        Path file = write("source:\n  database: legacy\n  user: bridge\nhttp:\n  ready-max-slot-lag-mb: 512\n");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
                file + ":5: 'http.ready-max-slot-lag-mb' is now called 'http.ready-max-source-lag-mb'; rename the key, its value means the same");
    }

    @Test
    void aPortIsToldTheRangeThatTheKeyReallyTakes() throws IOException {
        Path file = write("source:\n  database: legacy\n  user: bridge\n  port: 0\nhttp:\n  port: -1\n");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
                file + ":4: 'source.port' is '0', expected a port from 1 to 65535",
                file + ":6: 'http.port' is '-1', expected a port from 1 to 65535, or 0 to turn the HTTP server off");
    }

    @Test
    void aPortAbove65535IsAProblemAtItsLine() throws IOException {
        Path file = write("source:\n  database: legacy\n  user: bridge\nhttp:\n  port: 70000\n");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).extracting(ConfigProblem::line).containsExactly(5);
    }

    @Test
    void anEmptyRequiredValueIsAProblemAtItsLine() throws IOException {
        Path file = write("source:\n  database:\n  user: \"  \"\n");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
                file + ":2: 'source.database' is empty: name the database to capture",
                file + ":3: 'source.user' is empty: name the user the bridge logs in as");
    }

    @Test
    void aMongoUriTheDriverCannotReadIsAProblemAtItsLine() throws IOException {
        Path file = write("source:\n  database: legacy\n  user: bridge\nmongo:\n  uri: not-a-uri\n");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(file + ":5: 'mongo.uri' is not a "
                + "MongoDB connection string: The connection string is invalid. Connection strings must start with either "
                + "'mongodb://' or 'mongodb+srv://");
    }

    @Test
    void aBadMongoUriIsReportedWithoutItsCredentials() throws IOException {
        Path file = write("source:\n  database: legacy\n  user: bridge\nmongo:\n  uri: mongodb://admin:s3cret@db:notaport\n");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.message()).startsWith("'mongo.uri' is not a MongoDB connection string: ");
        });
        assertThat(error.getMessage()).doesNotContain("s3cret").doesNotContain("admin");
    }

    @Test
    void aSlotNamePostgresqlWouldRefuseIsAProblemAtItsLine() throws IOException {
        Path file = write("source:\n  database: legacy\n  user: bridge\n  slot: Mono-Bridge\n");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(file + ":4: 'source.slot' is "
                + "'Mono-Bridge', expected a replication slot name: lower-case letters, digits and '_', at most 63 of them");
    }

    @Test
    void numbersBeyondTheKeysRangeAreProblemsNotOverflows() throws IOException {
        Path file = write("""
                source:
                  database: legacy
                  user: bridge
                  max-batch-size: 2147483647
                  poll-interval-ms: 99999999999999999999
                http:
                  ready-max-source-lag-mb: 1.5
                """);

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).extracting(ConfigProblem::line).containsExactly(4, 5, 7);
    }

    @Test
    void problemsAreListedInTheOrderOfTheFile() throws IOException {
        Path file = write("http:\n  port: -1\nsource:\n  port: x\n  database: legacy\n  user: bridge\n");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).extracting(ConfigProblem::line).containsExactly(2, 4);
    }

    @Test
    void aFileThatIsNotYamlIsOneProblemNotAListOfMissingKeys() throws IOException {
        Path file = write("source:\n  database: [legacy\n  user: bridge\n");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).singleElement().satisfies(problem -> assertThat(problem.message()).startsWith("not valid YAML"));
    }

    @Test
    void aRequiredKeyWithAListForAValueIsOneProblemNotAlsoMissing() throws IOException {
        Path file = write("source:\n  database: [a, b]\n  user: bridge\n");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(file));

        assertThat(error.problems()).extracting(ConfigProblem::toString)
                .containsExactly(file + ":2: 'source.database' must be a single value, not a list");
    }

    @Test
    void everyDefaultPassesItsOwnKeysCheck() {
        assertThat(Settings.ALL).filteredOn(setting -> !setting.isRequired())
                .allSatisfy(setting -> assertThat(setting.problem(setting.defaultValue())).as(setting.key()).isEmpty());
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
