package dev.monobridge.connector.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads secrets from where the configuration says they are. Error messages name the variable or the
 * file, never the value.
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
                throw new IllegalArgumentException("cannot read the password file " + file + ": " + e.getMessage(), e);
            }
        }
        String value = environment.get(variable);
        if (value == null) {
            throw new IllegalArgumentException("the source password is not set: export " + variable
                    + " (or set source.password-file)");
        }
        return value;
    }

    /** The URI from the environment variable when it is set, else the configured one. */
    String mongoUri(String variable, String configured) {
        String value = environment.get(variable);
        return value == null || value.isBlank() ? configured : value;
    }
}
