package dev.monobridge.connector.config;

import java.util.Optional;

/**
 * One configuration key, defined once: its name in {@code bridge.yaml}, its type, its default and what
 * it means. The README's reference table is checked against these definitions by a test, so the two
 * cannot drift apart.
 *
 * @param key          dotted path in the YAML file, {@code section.name}
 * @param type         how the value is read
 * @param defaultValue the default as text, or {@code null} when the key is required
 * @param description  what the key does, for the README and for error messages
 */
public record Setting(String key, Type type, String defaultValue, String description) {

    /** How a value is read and checked. */
    public enum Type {
        TEXT, PORT, POSITIVE_INT, NON_NEGATIVE_INT, LIST
    }

    public String section() {
        return key.substring(0, key.indexOf('.'));
    }

    public String name() {
        return key.substring(key.indexOf('.') + 1);
    }

    public Optional<String> defaultText() {
        return Optional.ofNullable(defaultValue);
    }

    public boolean isRequired() {
        return defaultValue == null;
    }
}
