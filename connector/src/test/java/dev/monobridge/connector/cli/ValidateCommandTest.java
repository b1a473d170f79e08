package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code monobridge validate} reports every problem with file and line, and says so in its exit code. */
class ValidateCommandTest {

    @TempDir
    Path directory;

    @Test
    void theShippedProjectionsAreValid() throws IOException {
        Path bridge = directory.resolve("bridge.yaml");
        Files.writeString(bridge, "source:\n  database: legacy\n  user: bridge\nprojections:\n  directory: "
                + Path.of("../config/projections").toAbsolutePath().normalize() + "\n");

        Result result = run("validate", "--offline", "--config", bridge.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("3 projection definitions (customer-bets, event-page, racing-homepage)");
    }

    @Test
    void everyProblemInEveryDefinitionIsReportedWithItsFileAndLine() throws IOException {
        Path projections = Files.createDirectories(directory.resolve("projections"));
        Files.writeString(projections.resolve("racing.yaml"), """
                name: racing-homepage
                team: racing-web
                collection: racing_homepage
                version: 1
                root:
                  table: public.meeting
                  key: id
                  lists:
                    races:
                      table: public.race
                      key: id
                      parent-key: meeting_id
                      max-item: 5
                      drop-when: "status in ('RESULTED'"
                """);
        Files.writeString(projections.resolve("bets.yaml"), """
                name: customer-bets
                team: account-web
                collection: racing_homepage
                version: zero
                root:
                  table: customer
                  key: id
                """);
        Path bridge = directory.resolve("bridge.yaml");
        Files.writeString(bridge, "source:\n  database: legacy\n  user: bridge\nprojections:\n  directory: " + projections + "\n");

        Result result = run("validate", "--offline", "--config", bridge.toString());

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err())
                .contains(projections.resolve("racing.yaml") + ":13: unknown key 'max-item' in list 'races' (did you mean 'max-items'?)")
                .contains(projections.resolve("racing.yaml") + ":14: bad 'drop-when' predicate")
                .contains(projections.resolve("bets.yaml") + ":4: 'version' is 'zero', expected a whole number above 0")
                .contains(projections.resolve("bets.yaml") + ":6: 'table' is 'customer', expected schema.table");
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MonobridgeCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private record Result(int exitCode, String out, String err) {
    }
}
