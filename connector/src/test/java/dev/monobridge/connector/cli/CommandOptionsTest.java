package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A bad option is exit 2 with what it must be, before anything starts or connects: the demo starts no
 * PostgreSQL for {@code --rate 0}, {@code dead-letters} connects to no MongoDB for a bad {@code --id}.
 */
class CommandOptionsTest {

    private static final String PROJECTIONS = Path.of("../config/projections").toAbsolutePath().normalize().toString();

    /** Far below what starting PostgreSQL or waiting for a MongoDB would take. */
    private static final Duration AT_ONCE = Duration.ofSeconds(3);

    @ParameterizedTest(name = "demo {0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            --rate       | 0           | --rate must be a positive number of changes per second, not 0.0
            --rate       | -5          | --rate must be a positive number of changes per second, not -5.0
            --rate       | NaN         | --rate must be a positive number of changes per second, not NaN
            --rate       | Infinity    | --rate must be a positive number of changes per second, not Infinity
            --duration   | 0           | --duration must be a positive number of seconds, not 0 (leave it out to run until Ctrl-C)
            --duration   | -3          | --duration must be a positive number of seconds, not -3 (leave it out to run until Ctrl-C)
            --http-port  | -1          | --http-port must be a port from 1 to 65535, or 0 for any free one, not -1
            --http-port  | 70000       | --http-port must be a port from 1 to 65535, or 0 for any free one, not 70000
            --mongo-uri  | not-a-uri   | --mongo-uri is not a MongoDB connection string: The connection string is invalid.
            """)
    void aBadDemoOptionIsRefusedBeforeAnythingStarts(String option, String value, String message) {
        CommandRun.Result result = CommandRun.run("demo", option, value, "--projections", PROJECTIONS);

        assertRefused(result, message);
        assertThat(result.out()).doesNotContain("Starting an embedded PostgreSQL");
    }

    @ParameterizedTest(name = "dead-letters {0}")
    @CsvSource(delimiter = '|', textBlock = """
            purge               | unknown action 'purge': expected list or replay
            list --limit 0      | --limit must be a positive number, not 0
            replay --id 42      | --id '42' is not a dead letter's id (24 hexadecimal digits, as `dead-letters list` shows them)
            """)
    void aBadDeadLettersOptionIsRefusedBeforeConnecting(String arguments, String message) {
        CommandRun.Result result = CommandRun.run(("dead-letters " + arguments + " --config ../config/bridge.yaml").split(" "));

        assertRefused(result, message);
    }

    @ParameterizedTest(name = "run --progress-interval {0}")
    @CsvSource({"0", "-1"})
    void aProgressIntervalThatIsNotPositiveIsRefusedBeforeStarting(String seconds) {
        CommandRun.Result result = CommandRun.run("run", "--progress-interval", seconds, "--config", "../config/bridge.yaml");

        assertRefused(result, "--progress-interval must be a positive number of seconds, not " + seconds);
    }

    private static void assertRefused(CommandRun.Result result, String message) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ErrorHandler.CONFIG_ERROR);
        assertThat(result.errLines()).as(result.all()).first().asString().startsWith(message);
        assertThat(result.hasStackTrace()).as(result.all()).isFalse();
        assertThat(result.took()).isLessThan(AT_ONCE);
    }
}
