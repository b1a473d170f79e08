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

    /**
     * The longest {@code keep}: 100 years. Far beyond any read model's need, and small enough that any
     * timestamp the source can hold plus it is still a time ({@link Instant} reaches the year 1,000,000,000).
     */
    public static final Duration MAX_KEEP = Duration.ofDays(36_500);

    /** The shortest {@code keep}; nothing shorter is written, and 0 would drop every row at once. */
    public static final Duration MIN_KEEP = Duration.ofSeconds(1);

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(s|m|h|d)");

    /** Digits that can only give more than {@link #MAX_KEEP} in any unit, checked before parsing a number. */
    private static final int MAX_DIGITS = 12;

    public Retention {
        if (keep.compareTo(MIN_KEEP) < 0 || keep.compareTo(MAX_KEEP) > 0) {
            throw new IllegalArgumentException("keep must be from " + MIN_KEEP + " to " + MAX_KEEP + ", not " + keep);
        }
    }

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

    /**
     * Parses {@code 90s}, {@code 30m}, {@code 2h} or {@code 7d}, from {@link #MIN_KEEP} to {@link #MAX_KEEP}.
     *
     * @throws IllegalArgumentException saying what is wrong, in the words of the definition file
     */
    static Duration parseKeep(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("'keep' is '" + text + "', expected a duration such as 90s, 30m, 2h or 7d");
        }
        String digits = m.group(1).replaceFirst("^0+(?=.)", "");
        long unitSeconds = switch (m.group(2)) {
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86_400;
        };
        if (digits.length() > MAX_DIGITS || Long.parseLong(digits) > MAX_KEEP.toSeconds() / unitSeconds) {
            throw new IllegalArgumentException("'keep' is '" + text + "', more than the longest allowed, "
                    + MAX_KEEP.toDays() + "d (100 years)");
        }
        Duration keep = Duration.ofSeconds(Long.parseLong(digits) * unitSeconds);
        if (keep.compareTo(MIN_KEEP) < 0) {
            throw new IllegalArgumentException("'keep' is '" + text + "': rows would go as soon as they arrive; "
                    + "the shortest is 1s");
        }
        return keep;
    }
}
