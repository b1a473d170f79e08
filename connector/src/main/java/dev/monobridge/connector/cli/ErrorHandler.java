package dev.monobridge.connector.cli;

import java.util.Optional;

import dev.monobridge.capture.source.SourceSetupException;
import dev.monobridge.projector.definition.ConfigException;
import picocli.CommandLine;

/**
 * Prints what went wrong for a person to act on: configuration problems as {@code file:line: what},
 * a failure to connect as one line naming what was tried, other expected failures as one line. Stack
 * traces are for bugs, not for bad input or a server that is down. The exit codes are the README's.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    /** Something failed that is neither configuration nor connection, or the bridge stopped on an error. */
    static final int FAILURE = 1;
    /** Bad configuration or command line: bridge.yaml, a definition, an option, a missing secret, the source's setup. Picocli's own. */
    static final int CONFIG_ERROR = CommandLine.ExitCode.USAGE;
    /** The source or MongoDB could not be reached, or refused the credentials. */
    static final int CANNOT_CONNECT = 3;

    @Override
    public int handleExecutionException(Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        if (e instanceof ConfigException || e instanceof SourceSetupException) {
            commandLine.getErr().println(e.getMessage());
            return CONFIG_ERROR;
        }
        ConnectionTargets targets = commandLine.getCommand() instanceof Connects command ? command.targets() : ConnectionTargets.NONE;
        Optional<String> cannotConnect = ConnectionFailures.explain(e, targets);
        if (cannotConnect.isPresent()) {
            commandLine.getErr().println("monobridge: " + cannotConnect.get());
            return CANNOT_CONNECT;
        }
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            commandLine.getErr().println("monobridge: " + e.getMessage());
            return FAILURE;
        }
        e.printStackTrace(commandLine.getErr());
        return FAILURE;
    }
}
