package dev.monobridge.connector.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.bridge.BridgeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The production entry: capture from the configured PostgreSQL into the configured MongoDB. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the bridge with the settings in bridge.yaml until stopped (Ctrl-C or SIGTERM).")
final class RunCommand implements Callable<Integer> {

    @Mixin
    private ConfigOption config;

    @Override
    public Integer call() throws Exception {
        BridgeOptions options = BridgeOptionsFactory.from(config.read(), System.getenv());
        ProgressLine progress = new ProgressLine();
        try (ShutdownSignal shutdown = new ShutdownSignal(); Bridge bridge = Bridge.start(options)) {
            while (!bridge.capture().isStopped() && !shutdown.await(Duration.ofSeconds(10))) {
                progress.print(System.out, bridge);
            }
            if (bridge.capture().failure() != null) {
                System.err.println("monobridge: capture stopped: " + bridge.capture().failure());
                return ErrorHandler.FAILURE;
            }
        }
        return 0;
    }
}
