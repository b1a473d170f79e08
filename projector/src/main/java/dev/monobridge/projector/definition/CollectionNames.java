package dev.monobridge.projector.definition;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which MongoDB collection names a projection may use. The bridge writes into a projection's collection
 * freely, replaces it on a rebuild and drops shadows at start-up, so a projection must never name a
 * collection the bridge keeps for itself, nor one that looks like a rebuild's shadow, nor one MongoDB
 * refuses.
 */
public final class CollectionNames {

    /** Every collection the bridge keeps for itself starts with this: row states, dead letters, its own records. */
    public static final String RESERVED_PREFIX = "monobridge_";

    /** A rebuild fills {@code <collection>__rebuild}, then renames it over the live collection. */
    public static final String SHADOW_SUFFIX = "__rebuild";

    /**
     * MongoDB refuses a namespace ({@code database.collection}) over 255 bytes; a database name has at
     * most 63 characters; a rebuild's shadow adds its suffix. So this many characters always fit.
     */
    public static final int MAX_LENGTH = 255 - 63 - 1 - SHADOW_SUFFIX.length();

    /**
     * Letters, digits and '_', starting with a letter: this leaves out everything MongoDB refuses or
     * treats specially (empty, '$', NUL, '.', so also 'system.').
     */
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");

    private CollectionNames() {
    }

    /** What is wrong with the name as a projection's collection, or empty when nothing is. */
    public static Optional<String> problem(String name) {
        if (!ALLOWED.matcher(name).matches()) {
            return Optional.of("'collection' is '" + name + "', expected letters, digits and '_', starting with a letter");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("'collection' has " + name.length() + " characters, more than the " + MAX_LENGTH
                    + " that fit in a MongoDB namespace with the rebuild's shadow suffix");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(RESERVED_PREFIX)) {
            return Optional.of("'collection' is '" + name + "': names starting with '" + RESERVED_PREFIX
                    + "' are the bridge's own (row states, dead letters, its records)");
        }
        if (lower.endsWith(SHADOW_SUFFIX)) {
            return Optional.of("'collection' is '" + name + "': names ending in '" + SHADOW_SUFFIX
                    + "' are rebuild shadows, which the bridge drops and renames");
        }
        return Optional.empty();
    }

    /** The shadow collection a rebuild of the collection fills. */
    public static String shadowOf(String collection) {
        return collection + SHADOW_SUFFIX;
    }
}
