package dev.monobridge.connector.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code monobridge} command line. */
@Command(name = "monobridge", mixinStandardHelpOptions = true, version = "monobridge 0.1.0",
        description = "CDC bridge from a legacy PostgreSQL database to bounded per-team read models in MongoDB.",
        subcommands = {DemoCommand.class, RunCommand.class, ValidateCommand.class, StatusCommand.class,
                DeadLettersCommand.class, RebuildCommand.class, TraceCommand.class, ConnectConfigCommand.class, ServeCommand.class})
public final class MonobridgeCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
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
