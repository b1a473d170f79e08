package dev.monobridge.connector.cli;

import java.time.Duration;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.bridge.BridgeOptions;
import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.connector.http.BridgeView;
import dev.monobridge.connector.http.HttpApi;
import dev.monobridge.connector.http.HttpSettings;
import dev.monobridge.projector.core.ProjectorStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The production entry: capture from the configured PostgreSQL into the configured MongoDB. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bridge with the settings in bridge.yaml until stopped (Ctrl-C or SIGTERM).")
final class RunCommand extends ConnectingCommand {

    @Mixin
    private ConfigOption config;

    @Option(names = "--progress-interval", paramLabel = "<seconds>", defaultValue = "10",
            description = "Seconds between progress lines (default: ${DEFAULT-VALUE}); a supervising process may want 1.")
    private int progressIntervalSeconds;

    @Spec
    private CommandSpec spec;


    @Override
    public Integer call() throws Exception {
        if (progressIntervalSeconds <= 0) {
            throw new ParameterException(spec.commandLine(), "--progress-interval must be a positive number of seconds, not "
                    + progressIntervalSeconds);
        }
        BridgeConfig bridgeConfig = config.read();
        connectingTo(ConnectionTargets.of(bridgeConfig, System.getenv()));
        BridgeOptions options = BridgeOptionsFactory.from(bridgeConfig, System.getenv());
        HttpSettings http = HttpSettings.from(bridgeConfig.http(), System.getenv());
        ProgressLine progress = new ProgressLine();
        try (ShutdownSignal shutdown = new ShutdownSignal()) {
            ProjectorStats stats;
            // The HTTP server stops first, then the bridge.
            try (Bridge bridge = Bridge.start(options); HttpApi api = HttpApi.start(http, BridgeView.of(bridge))) {
                stats = bridge.stats();
                api.address().ifPresent(address -> System.out.println("http: " + address + " (query API, admin API, metrics, dashboard)"));
                while (!bridge.capture().isStopped() && !shutdown.await(Duration.ofSeconds(progressIntervalSeconds))) {
                    progress.print(System.out, bridge);
                }
                if (bridge.capture().failure() != null) {
                    System.err.println("monobridge: capture stopped: " + bridge.capture().failure());
                    return ErrorHandler.FAILURE;
                }
            }
            // After the bridge has closed, so that the batch in hand at the stop is counted; before the
            // shutdown signal is released, because the JVM halts as soon as its hook returns.
            ProgressLine.printStopped(System.out, stats);
        }
        return 0;
    }
}
