package dev.monobridge.connector.cli;

import java.nio.file.Path;

import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.connector.config.BridgeConfigReader;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by the commands that read {@code bridge.yaml}. */
final class ConfigOption {

    @Option(names = {"-c", "--config"}, defaultValue = "config/bridge.yaml", description = "Bridge settings (default: ${DEFAULT-VALUE}).")
    Path file;

    BridgeConfig read() {
        return new BridgeConfigReader().read(file);
    }
}
