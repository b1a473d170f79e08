package dev.monobridge.projector.definition;

import java.util.Collection;

/**
 * The "did you mean" of a misspelled name: the nearest known one by edit distance, the same for keys,
 * tables and columns, so that a typo is answered alike wherever it is made.
 */
final class DidYouMean {

    /**
     * The most edits a typo is taken to be: one slip and one swapped pair of letters. Further than
     * that, the nearest name is more often another name than the one meant.
     */
    private static final int MOST_EDITS = 2;

    private DidYouMean() {
    }

    /** {@code " (did you mean 'x'?)"}, or empty text when no known name is near. */
    static String among(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known.stream().sorted().toList()) {
            int distance = editDistance(unknown, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                best = candidate;
            }
        }
        return best != null && bestDistance <= MOST_EDITS ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
