package dev.monobridge.connector.config;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The checks that {@link Settings} puts on its keys. */
final class Checks {

    /**
     * PostgreSQL's rule for replication slot names: lower-case letters, digits and underscores, at most
     * {@code NAMEDATALEN - 1} = 63 characters. A name outside it fails only once capture starts.
     */
    private static final Pattern SLOT_NAME = Pattern.compile("[a-z0-9_]{1,63}");
    /** How much of a bad value a message repeats: any real value fits, a 50 MB line does not flood the terminal. */
    private static final int MOST_REPEATED = 80;

    private Checks() {
    }

    static Setting.Check wholeNumber(int min, int max, String meaning) {
        String expected = "expected " + meaning;
        return value -> {
            try {
                long number = Long.parseLong(value.strip());
                return number >= min && number <= max ? Optional.empty() : Optional.of("is '" + value + "', " + expected);
            } catch (NumberFormatException e) {
                return Optional.of("is '" + abbreviated(value) + "', " + expected);
            }
        };
    }

    /** A whole number from {@code min} to {@code max}, or 0 (off); checked after {@link #wholeNumber}. */
    static Setting.Check zeroOrAtLeast(int min, String meaning) {
        return value -> {
            long number = Long.parseLong(value.strip());
            return number == 0 || number >= min ? Optional.empty() : Optional.of("is '" + value + "', expected " + meaning);
        };
    }

    static Setting.Check notBlank(String hint) {
        return value -> value.isBlank() ? Optional.of("is empty: " + hint) : Optional.empty();
    }

    static Setting.Check oneOf(Set<String> allowed) {
        return value -> allowed.contains(value) ? Optional.empty()
                : Optional.of("is '" + abbreviated(value) + "', expected one of " + String.join(", ", new TreeSet<>(allowed)));
    }

    static Setting.Check slotName() {
        return value -> SLOT_NAME.matcher(value).matches() ? Optional.empty()
                : Optional.of("is '" + abbreviated(value) + "', expected a replication slot name: lower-case letters, digits "
                        + "and '_', at most 63 of them");
    }

    /**
     * A MongoDB connection string, as the driver reads it, and without a password: the file is not the
     * place for one. The value is never repeated, since it may hold the password.
     */
    static Setting.Check mongoUriWithoutPassword(String passwordHint) {
        return value -> MongoUris.unreadable(value)
                .or(() -> MongoUris.hasPassword(value) ? Optional.of("contains a password: " + passwordHint) : Optional.empty());
    }

    /** Long values (a 50 MB line, say) are cut when repeated in a message. */
    private static String abbreviated(String value) {
        return value.length() <= MOST_REPEATED ? value
                : value.substring(0, MOST_REPEATED) + "… (" + value.length() + " characters)";
    }
}
