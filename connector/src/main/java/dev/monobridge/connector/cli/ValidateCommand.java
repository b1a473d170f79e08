package dev.monobridge.connector.cli;

import java.util.List;

import com.mongodb.client.MongoClient;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.bridge.BridgeOptions;
import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.projector.definition.DefinitionValidator;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Checks the settings and the projection definitions, as start-up does, without starting anything. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check bridge.yaml and every projection definition; unless --offline, against the source's schema and setup too, and that MongoDB answers and takes writes.")
final class ValidateCommand extends ConnectingCommand {

    @Mixin
    private ConfigOption config;

    @Option(names = "--offline", description = "Do not connect to the source or MongoDB: check the files only.")
    private boolean offline;

    @Spec
    private CommandSpec spec;


    @Override
    public Integer call() {
        BridgeConfig bridgeConfig = config.read();
        List<ProjectionDefinition> projections = new ProjectionDefinitionReader().readDirectory(bridgeConfig.projectionsDirectory());
        if (!offline) {
            connectingTo(ConnectionTargets.of(bridgeConfig, System.getenv()));
            BridgeOptions options = BridgeOptionsFactory.from(bridgeConfig, System.getenv());
            HikariConfig pool = new HikariConfig();
            pool.setJdbcUrl(options.source().jdbcUrl());
            pool.setUsername(options.source().user());
            pool.setPassword(options.source().password());
            pool.setMaximumPoolSize(1);
            try (HikariDataSource dataSource = new HikariDataSource(pool)) {
                DefinitionValidator.validate(projections, options.source().schema(dataSource));
                // What run checks before it starts the engine, with the same words.
                Bridge.checkSetup(options, dataSource);
            }
            try (MongoClient mongo = OneShotMongo.connect(options.mongoUri())) {
                OneShotMongo.ping(mongo.getDatabase(options.mongoDatabase()));
                OneShotMongo.probeWrite(mongo.getDatabase(options.mongoDatabase()));
            }
        }
        spec.commandLine().getOut().printf("OK: %s and %d projection definitions (%s)%s%n", config.file, projections.size(),
                String.join(", ", projections.stream().map(ProjectionDefinition::name).toList()),
                offline ? ", files only" : ", checked against the source's schema and setup; MongoDB answers and takes writes");
        return 0;
    }
}
