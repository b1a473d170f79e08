package dev.monobridge.projector.definition;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a row counts after a moment it records: an entry (or, on the root, the whole document)
 * goes once {@code column + keep} has passed. A null column means "not yet": the row stays.
 *
 * @param column a timestamp column, such as {@code resulted_at}
 * @param keep   how long after that moment the row still counts
 */
public record Retention(String column, Duration keep) {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    /** Whether the row has expired as of the given time. */
    public boolean hasExpired(Map<String, Object> row, Instant asOf) {
        return expiry(row).map(expiry -> !expiry.isAfter(asOf)).orElse(false);
    }

    /** When the row expires; empty while the column is null. */
    public Optional<Instant> expiry(Map<String, Object> row) {
        Object moment = row.get(column);
        return moment instanceof Instant instant ? Optional.of(instant.plus(keep)) : Optional.empty();
    }

    /** Parses {@code 90s}, {@code 30m}, {@code 2h} or {@code 7d}. */
    static Optional<Duration> parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        long amount = Long.parseLong(m.group(1));
        return Optional.of(switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        });
    }
}
