package dev.monobridge.connector.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One configuration key, defined once: its name in {@code bridge.yaml}, its type, its default, what it
 * means and how a value is checked. The README's reference table is checked against these definitions
 * by a test, so the two cannot drift apart; the check lives on the key (as Debezium's
 * {@code Field.withValidation} does), so that no reader can forget it.
 *
 * @param key          dotted path in the YAML file, {@code section.name}
 * @param type         how the value is read once it has passed the check
 * @param defaultValue the default as text, or {@code null} when the key is required
 * @param description  what the key does, for the README and for error messages
 * @param check        what a value must be; it sees the text as written in the file
 */
public record Setting(String key, Type type, String defaultValue, String description, Check check) {

    /** How a checked value is read. */
    public enum Type {
        TEXT, INTEGER
    }

    /** What a value of one key must be. */
    @FunctionalInterface
    public interface Check {

        /** Accepts every value. */
        Check ANY = value -> Optional.empty();

        /**
         * What is wrong with a value, or empty when it is fine. The text completes a sentence that
         * starts with the key ({@code 'http.port' is '-1', expected …}); it repeats the value only when
         * the value can hold no secret.
         */
        Optional<String> problem(String value);

        /** This check, then the other one if this one passed. */
        default Check and(Check other) {
            return value -> problem(value).or(() -> other.problem(value));
        }
    }

    public Setting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(check, "check");
    }

    /** A text key that takes any value. */
    static Setting text(String key, String defaultValue, String description) {
        return new Setting(key, Type.TEXT, defaultValue, description, Check.ANY);
    }

    /** A whole number from {@code min} to {@code max}; {@code meaning} says what the range is, for the error. */
    static Setting integer(String key, String defaultValue, String description, int min, int max, String meaning) {
        return new Setting(key, Type.INTEGER, defaultValue, description, Checks.wholeNumber(min, max, meaning));
    }

    /** This key with a further check on its values. */
    Setting withCheck(Check more) {
        return new Setting(key, type, defaultValue, description, check.and(more));
    }

    /** What is wrong with a value of this key, as a whole sentence, or empty when it is fine. */
    public Optional<String> problem(String value) {
        return check.problem(value).map(problem -> "'" + key + "' " + problem);
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
