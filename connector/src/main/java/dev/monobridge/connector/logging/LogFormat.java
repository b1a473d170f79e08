package dev.monobridge.connector.logging;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the command line writes its log lines, chosen by the environment variable {@value #VARIABLE}: {@code text}
 * (the default, for people) or {@code json} (one JSON object per line, for log shippers).
 *
 * <p>An environment variable rather than a {@code bridge.yaml} key or an option, because logging starts before
 * either is read (a mistake in the file is itself logged), it applies to every command alike, and where the
 * lines go is a fact of where the process runs (a container platform with a shipper), like the secrets the
 * environment already holds.
 */
public enum LogFormat {
    TEXT, JSON;

    public static final String VARIABLE = "MONOBRIDGE_LOG_FORMAT";

    /** The format the environment asks for; empty when the variable holds something else (see {@link #problem}). */
    public static Optional<LogFormat> of(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return Optional.of(TEXT);
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> Optional.of(TEXT);
            case "json" -> Optional.of(JSON);
            default -> Optional.empty();
        };
    }

    /** What is wrong with the variable, or empty when it is fine. */
    public static Optional<String> problem(Map<String, String> environment) {
        if (of(environment).isPresent()) {
            return Optional.empty();
        }
        String value = environment.get(VARIABLE);
        String shown = value.length() <= 20 ? "'" + value + "'" : "a value of " + value.length() + " characters";
        return Optional.of("$" + VARIABLE + " is " + shown + ": expected 'text' or 'json'");
    }
}
