package dev.monobridge.connector.cli;

import dev.monobridge.connector.logging.LogFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code monobridge} command line. */
@Command(name = "monobridge", mixinStandardHelpOptions = true, version = "monobridge 0.1.0",
        description = "CDC bridge from a legacy PostgreSQL database to bounded per-team read models in MongoDB.",
        subcommands = {DemoCommand.class, RunCommand.class, ValidateCommand.class, StatusCommand.class,
                DeadLettersCommand.class, RebuildCommand.class, TraceCommand.class, ConnectConfigCommand.class, ServeCommand.class})
public final class MonobridgeCommand implements Runnable {

    /** The exit code for bad configuration, as every command's (README, "Exit codes"). */
    private static final int BAD_CONFIGURATION = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Before anything runs: a log format nobody can read is a configuration mistake, like a bad bridge.yaml.
        var logFormat = LogFormat.problem(System.getenv());
        if (logFormat.isPresent()) {
            System.err.println("monobridge: " + logFormat.get());
            System.exit(BAD_CONFIGURATION);
        }
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new MonobridgeCommand()).setExecutionExceptionHandler(new ErrorHandler());
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
