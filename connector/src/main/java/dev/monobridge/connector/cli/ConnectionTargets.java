package dev.monobridge.connector.cli;

import java.util.Map;
import java.util.Optional;

import com.mongodb.ConnectionString;

import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.connector.config.Settings;

/**
 * What a command connects to, as an error message may name it: addresses, database and user, and where
 * the user set them; never a password, never a URI (which may hold one).
 */
record ConnectionTargets(Optional<Source> source, Optional<Mongo> mongo) {

    static final ConnectionTargets NONE = new ConnectionTargets(Optional.empty(), Optional.empty());

    /**
     * The source database.
     *
     * @param type {@code postgres} or {@code mariadb}, as {@code source.type} says
     * @param passwordFrom where the password came from, for the hint: {@code $VARIABLE} or the file
     */
    record Source(String type, String host, int port, String database, String user, String passwordFrom) {

        /** A PostgreSQL source. */
        Source(String host, int port, String database, String user, String passwordFrom) {
            this(Settings.POSTGRES, host, port, database, user, passwordFrom);
        }

        static Source of(BridgeConfig.Source source) {
            String passwordFrom = source.passwordFile() == null || source.passwordFile().isBlank()
                    ? "$" + source.passwordEnv() + " (source.password-env)"
                    : "the file " + source.passwordFile() + " (source.password-file)";
            return new Source(source.type(), source.host(), source.port(), source.database(), source.user(), passwordFrom);
        }

        String describe() {
            return host + ":" + port + ", database " + database + ", user " + user;
        }
    }

    /**
     * The MongoDB target.
     *
     * @param hosts   as the URI lists them
     * @param user    the URI's user, or {@code null}
     * @param uriFrom where the URI came from, for the hint
     */
    record Mongo(String hosts, String database, String user, String uriFrom) {

        static Mongo of(String uri, String database, String uriFrom) {
            ConnectionString parsed = new ConnectionString(uri);
            return new Mongo(String.join(",", parsed.getHosts()), database, parsed.getUsername(), uriFrom);
        }

        String describe() {
            return hosts + ", database " + database + (user == null ? "" : ", user " + user);
        }
    }

    /** The source and MongoDB of a {@code bridge.yaml}, with the URI taken as {@link Secrets} takes it. */
    static ConnectionTargets of(BridgeConfig config, Map<String, String> environment) {
        return new ConnectionTargets(Optional.of(Source.of(config.source())), Optional.of(mongo(config, environment)));
    }

    /** Only the MongoDB of a {@code bridge.yaml}: for the commands that never touch the source. */
    static ConnectionTargets mongoOf(BridgeConfig config, Map<String, String> environment) {
        return new ConnectionTargets(Optional.empty(), Optional.of(mongo(config, environment)));
    }

    private static Mongo mongo(BridgeConfig config, Map<String, String> environment) {
        BridgeConfig.Mongo mongo = config.mongo();
        Secrets secrets = new Secrets(environment);
        return Mongo.of(secrets.mongoUri(mongo.uriEnv(), mongo.uri()), mongo.database(),
                secrets.mongoUriFromEnvironment(mongo.uriEnv()) ? "$" + mongo.uriEnv() + " (mongo.uri-env)" : "mongo.uri");
    }
}
