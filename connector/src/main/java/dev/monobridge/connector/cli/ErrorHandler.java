package dev.monobridge.connector.cli;

import dev.monobridge.projector.definition.ConfigException;
import picocli.CommandLine;

/**
 * Prints what went wrong for a person to act on: configuration problems as {@code file:line: what},
 * other expected failures as one line. Stack traces are for bugs, not for bad input.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    static final int CONFIG_ERROR = 2;
    static final int FAILURE = 1;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof ConfigException) {
            commandLine.getErr().println(e.getMessage());
            return CONFIG_ERROR;
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            commandLine.getErr().println("monobridge: " + e.getMessage());
            return FAILURE;
        }
        e.printStackTrace(commandLine.getErr());
        return FAILURE;
    }
}
