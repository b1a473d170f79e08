package dev.monobridge.connector.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.monobridge.connector.config.MongoUris;
import dev.monobridge.projector.definition.ConfigException;
import dev.monobridge.projector.definition.ConfigProblem;

/**
 * Reads secrets from where the configuration says they are. Error messages name the variable or the
 * file, never the value. A secret that is missing or unreadable is a configuration problem (exit 2).
 */
final class Secrets {

    private final Map<String, String> environment;

    Secrets(Map<String, String> environment) {
        this.environment = environment;
    }

    String password(String file, String variable) {
        if (file != null && !file.isBlank()) {
            try {
                return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw problem(file, "cannot read the password file (source.password-file): " + e.getMessage());
            }
        }
        String value = environment.get(variable);
        if (value == null) {
            throw problem("$" + variable, "the source password is not set: export " + variable
                    + " (or set source.password-file)");
        }
        return value;
    }

    /**
     * The URI from the environment variable when it is set, else the configured one (which
     * {@code bridge.yaml}'s reader has checked). One from the environment is checked here, as the driver
     * reads it; the message never repeats it, since it may hold a password.
     */
    String mongoUri(String variable, String configured) {
        if (!mongoUriFromEnvironment(variable)) {
            return configured;
        }
        String value = environment.get(variable);
        MongoUris.unreadable(value).ifPresent(problem -> {
                    throw problem("$" + variable, "the MongoDB URI in " + variable + " " + problem);
                });
        return value;
    }

    boolean mongoUriFromEnvironment(String variable) {
        String value = environment.get(variable);
        return value != null && !value.isBlank();
    }

    private static ConfigException problem(String where, String message) {
        return new ConfigException(List.of(new ConfigProblem(where, 0, message)));
    }
}
