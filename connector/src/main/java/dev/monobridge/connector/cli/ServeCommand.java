package dev.monobridge.connector.cli;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.connector.http.HttpSettings;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The read side alone: the query API over MongoDB, with no source, no capture and no projector, so that
 * as many as the frontends need run behind a load balancer while one {@code monobridge run} writes.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the query API alone (/v1, /openapi.yaml, /health, /ready) from MongoDB, with the settings in "
                + "bridge.yaml, until stopped: no source, no capture, no projector. Run several behind a load balancer.")
final class ServeCommand extends ConnectingCommand {

    @Mixin
    private ConfigOption config;

    @Option(names = "--mongo-uri", paramLabel = "<uri>",
            description = "The MongoDB to read, instead of bridge.yaml's mongo.uri (or $mongo.uri-env).")
    private String mongoUri;

    @Option(names = "--port", paramLabel = "<port>",
            description = "The port to listen on, instead of bridge.yaml's http.port (several servers on one host).")
    private Integer port;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BridgeConfig bridgeConfig = config.read();
        HttpSettings http = HttpSettings.from(bridgeConfig.http(), System.getenv());
        if (port != null) {
            if (port < 1 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "--port must be from 1 to 65535, not " + port);
            }
            http = http.withPort(port);
        } else if (!http.enabled()) {
            throw new ParameterException(spec.commandLine(), "http.port is 0 in " + config.file
                    + ", which turns HTTP off: serve needs a port (set http.port, or pass --port)");
        }
        String uri = mongoUri != null ? mongoUri : new Secrets(System.getenv()).mongoUri(bridgeConfig.mongo().uriEnv(),
                bridgeConfig.mongo().uri());
        connectingTo(mongoUri != null
                ? new ConnectionTargets(Optional.empty(),
                        Optional.of(ConnectionTargets.Mongo.of(uri, bridgeConfig.mongo().database(), "--mongo-uri")))
                : ConnectionTargets.mongoOf(bridgeConfig, System.getenv()));
        List<ProjectionDefinition> configured = new ProjectionDefinitionReader().readDirectory(bridgeConfig.projectionsDirectory());
        try (ShutdownSignal shutdown = new ShutdownSignal();
             QueryService service = QueryService.start(uri, bridgeConfig.mongo().database(), configured, http)) {
            System.out.println("query API: " + service.address() + " (/v1, /openapi.yaml, /health, /ready), projections "
                    + String.join(", ", configured.stream().map(ProjectionDefinition::name).toList()));
            while (!shutdown.await(Duration.ofDays(1))) {
                // Serves until Ctrl-C or SIGTERM.
            }
        }
        return 0;
    }
}
