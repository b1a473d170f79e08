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
        return moment instanceof Instant instant ? Optional.of(plusSaturating(instant, keep)) : Optional.empty();
    }

    /**
     * {@code moment + keep}, or the end of time when that lies beyond it: a far timestamp (PostgreSQL's
     * {@code 'infinity'}, say) never expires, and must never stop the stream with a DateTimeException.
     */
    private static Instant plusSaturating(Instant moment, Duration keep) {
        try {
            return moment.plus(keep);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return keep.isNegative() ? Instant.MIN : Instant.MAX;
        }
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
