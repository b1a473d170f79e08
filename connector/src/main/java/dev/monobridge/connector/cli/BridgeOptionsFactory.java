package dev.monobridge.connector.cli;

import java.util.List;
import java.util.Map;

import dev.monobridge.capture.source.SourceAdapter;
import dev.monobridge.capture.source.SourceHeartbeat;
import dev.monobridge.capture.source.mariadb.MariaDbAdapter;
import dev.monobridge.capture.source.mariadb.MariaDbSource;
import dev.monobridge.capture.source.postgres.PostgresAdapter;
import dev.monobridge.capture.source.postgres.PostgresSource;
import dev.monobridge.connector.bridge.BridgeOptions;
import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.connector.config.Settings;
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
        SourceAdapter source = source(config, projections, secrets.password(s.passwordFile(), s.passwordEnv()));
        return new BridgeOptions(source, secrets.mongoUri(config.mongo().uriEnv(), config.mongo().uri()),
                config.mongo().database(), config.offsetsFile(), config.offsetsFlushInterval(), projections,
                config.deleteMarkerGrace(), config.trace(), config.drift());
    }

    /**
     * The one place where bridge.yaml's source.type chooses the source's adapter, capturing what the
     * projections read, with the password as given: the secret itself for the bridge, a config-provider
     * reference for {@code connect-config}.
     */
    static SourceAdapter source(BridgeConfig config, List<ProjectionDefinition> projections, String password) {
        BridgeConfig.Source s = config.source();
        if (Settings.MARIADB.equals(s.type())) {
            // The schema history beside the offsets: both are the bridge's memory of the source.
            return new MariaDbAdapter(new MariaDbSource(s.host(), s.port(), s.database(), s.user(), password, s.serverId(),
                    s.snapshotMode(), capturedTables(projections), s.pollInterval(), s.maxBatchSize(),
                    MariaDbSource.schemaHistoryBeside(config.offsetsFile()), heartbeat(s, MariaDbSource.DEFAULT_HEARTBEAT)));
        }
        return new PostgresAdapter(new PostgresSource(s.host(), s.port(), s.database(), s.user(), password, s.slot(),
                s.publication(), s.publicationAutocreate(), s.snapshotMode(), capturedTables(projections), s.pollInterval(),
                s.maxBatchSize(), heartbeat(s, PostgresSource.DEFAULT_HEARTBEAT)));
    }

    /** The heartbeat bridge.yaml asks for; its statement, when not set there, the source's own. */
    private static SourceHeartbeat heartbeat(BridgeConfig.Source s, SourceHeartbeat sourcesOwn) {
        String statement = s.heartbeatActionQuery() == null ? sourcesOwn.actionQuery() : s.heartbeatActionQuery();
        return new SourceHeartbeat(s.heartbeatInterval(), statement);
    }

    /** Exactly the tables some projection reads, in a stable order. */
    static List<String> capturedTables(List<ProjectionDefinition> projections) {
        return BridgeOptions.capturedTables(projections);
    }
}
