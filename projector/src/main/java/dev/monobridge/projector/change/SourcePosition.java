package dev.monobridge.projector.change;

import java.util.Objects;

/**
 * Where a change sits in the source's log, as a value that can be compared.
 *
 * <p>Two numbers are enough for the sources this project reads. For PostgreSQL, {@code commit} is the
 * log sequence number (LSN) that orders the transaction and {@code event} is the LSN of the change
 * inside it; for a MySQL-family binlog they would be the file index and the offset. Ordering is
 * lexicographic: transaction first, then the change inside it.
 *
 * <p>The {@link #toString() text form} is fixed-width hexadecimal, so that MongoDB compares the stored
 * strings in the same order as this class compares the values. Position guards in MongoDB filters
 * rely on that.
 */
public record SourcePosition(long commit, long event) implements Comparable<SourcePosition> {

    /** Before anything: every real position compares greater. */
    public static final SourcePosition ZERO = new SourcePosition(0, 0);

    private static final int WIDTH = 16;

    public SourcePosition {
        if (commit < 0 || event < 0) {
            throw new IllegalArgumentException("a source position is never negative: " + commit + "/" + event);
        }
    }

    @Override
    public int compareTo(SourcePosition other) {
        int byCommit = Long.compareUnsigned(commit, other.commit);
        return byCommit != 0 ? byCommit : Long.compareUnsigned(event, other.event);
    }

    public boolean isAfter(SourcePosition other) {
        return compareTo(other) > 0;
    }

    public static SourcePosition max(SourcePosition a, SourcePosition b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Parses the {@link #toString() text form}. */
    public static SourcePosition parse(String text) {
        Objects.requireNonNull(text, "text");
        int slash = text.indexOf(':');
        if (slash != WIDTH || text.length() != 2 * WIDTH + 1) {
            throw new IllegalArgumentException("not a source position: '" + text + "'");
        }
        return new SourcePosition(
                Long.parseUnsignedLong(text.substring(0, WIDTH), 16),
                Long.parseUnsignedLong(text.substring(WIDTH + 1), 16));
    }

    @Override
    public String toString() {
        return hex(commit) + ":" + hex(event);
    }

    private static String hex(long value) {
        String digits = Long.toHexString(value).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(WIDTH - digits.length()) + digits;
    }
}
