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

/** {@code monobridge run} refuses a damaged offsets file before it connects to anything. */
class RunCommandTest {

    @TempDir
    Path directory;

    @Test
    void aDamagedOffsetsFileStopsRunWithOneLineNamingItAndExitCode1() throws IOException {
        Path offsets = Files.writeString(directory.resolve("offsets.dat"), "\u00ac\u00ed");
        Path password = Files.writeString(directory.resolve("password"), "unused");
        Path bridge = directory.resolve("bridge.yaml");
        Files.writeString(bridge, "source:\n  database: legacy\n  user: bridge\n  password-file: " + password
                + "\noffsets:\n  file: " + offsets + "\nprojections:\n  directory: "
                + Path.of("../config/projections").toAbsolutePath().normalize() + "\nhttp:\n  port: 0\n");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = MonobridgeCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute("run", "--config", bridge.toString());

        assertThat(exitCode).isEqualTo(ErrorHandler.FAILURE);
        assertThat(err.toString()).startsWith("monobridge: offsets file " + offsets + " is ")
                .contains("move it aside").hasLineCount(1);
    }
}
