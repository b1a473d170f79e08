package dev.monobridge.connector.cli;

import java.util.List;
import java.util.Map;

import dev.monobridge.capture.source.postgres.PostgresAdapter;
import dev.monobridge.capture.source.postgres.PostgresSource;
import dev.monobridge.connector.bridge.BridgeOptions;
import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/** Turns a checked {@link BridgeConfig} into {@link BridgeOptions}: secrets read, definitions loaded. */
final class BridgeOptionsFactory {

    private BridgeOptionsFactory() {
    }

    static BridgeOptions from(BridgeConfig config, Map<String, String> environment) {
        List<ProjectionDefinition> projections = new ProjectionDefinitionReader().readDirectory(config.projectionsDirectory());
        Secrets secrets = new Secrets(environment);
        BridgeConfig.Source s = config.source();
        PostgresSource source = new PostgresSource(s.host(), s.port(), s.database(), s.user(),
                secrets.password(s.passwordFile(), s.passwordEnv()), s.slot(), s.publication(), s.publicationAutocreate(),
                s.snapshotMode(),
                capturedTables(projections), s.pollInterval(), s.maxBatchSize());
        return new BridgeOptions(new PostgresAdapter(source), secrets.mongoUri(config.mongo().uriEnv(), config.mongo().uri()),
                config.mongo().database(), config.offsetsFile(), config.offsetsFlushInterval(), projections,
                config.deleteMarkerGrace());
    }

    /** Exactly the tables some projection reads, in a stable order. */
    static List<String> capturedTables(List<ProjectionDefinition> projections) {
        return BridgeOptions.capturedTables(projections);
    }
}
