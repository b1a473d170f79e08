package dev.monobridge.connector.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import picocli.CommandLine;

/**
 * The real {@code monobridge} entry point, run in this JVM. Everything it prints is kept: picocli's
 * writers and {@code System.out}/{@code System.err}, where commands and logging also write, so that a
 * stack trace printed anywhere is seen.
 */
final class CommandRun {

    /** What a JVM or a test would see of a stack trace or of an exception that escaped. */
    private static final String[] TRACE_MARKS = {"\tat ", "Exception in thread", "Caused by:", "Error: "};

    private CommandRun() {
    }

    record Result(int exitCode, String out, String err, Duration took) {

        /** Both outputs, in no particular order. */
        String all() {
            return out + err;
        }

        boolean hasStackTrace() {
            for (String mark : TRACE_MARKS) {
                if (all().contains(mark)) {
                    return true;
                }
            }
            return false;
        }

        /** The non-empty lines of standard error. */
        java.util.List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }
    }

    static synchronized Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream systemOut = new ByteArrayOutputStream();
        ByteArrayOutputStream systemErr = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        long started = System.nanoTime();
        int exitCode;
        try {
            System.setOut(new PrintStream(systemOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(systemErr, true, StandardCharsets.UTF_8));
            CommandLine commandLine = MonobridgeCommand.commandLine();
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            exitCode = commandLine.execute(args);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Result(exitCode, out + systemOut.toString(StandardCharsets.UTF_8),
                err + systemErr.toString(StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
    }
}
