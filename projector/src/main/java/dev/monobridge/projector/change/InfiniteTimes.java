package dev.monobridge.projector.change;

import java.time.Instant;

/**
 * What PostgreSQL's {@code 'infinity'} and {@code '-infinity'} become, for {@code timestamp},
 * {@code timestamptz} and {@code date} columns. Every reader of source rows (the change stream, a
 * rebuild's snapshot) gives these same values, so that both paths agree.
 *
 * <p>Timestamps become the largest and smallest dates JavaScript can show (±8.64e15 ms, that is
 * +275760-09-13T00:00:00Z and -271821-04-20T00:00:00Z), which BSON dates hold: they sort after and
 * before every real timestamp, as in PostgreSQL; retention treats the first as never expiring and the
 * second as long expired; and a frontend's {@code new Date(value)} still works. Dates, which documents
 * hold as ISO text, become the texts PostgreSQL prints for them.
 */
public final class InfiniteTimes {

    /** JavaScript's {@code Date} range is ±8.64e15 ms around the epoch (ECMA-262, "Time Values"). */
    private static final long JAVASCRIPT_DATE_LIMIT_MILLIS = 8_640_000_000_000_000L;

    /** {@code 'infinity'} of a timestamp column. */
    public static final Instant INFINITY = Instant.ofEpochMilli(JAVASCRIPT_DATE_LIMIT_MILLIS);

    /** {@code '-infinity'} of a timestamp column. */
    public static final Instant MINUS_INFINITY = Instant.ofEpochMilli(-JAVASCRIPT_DATE_LIMIT_MILLIS);

    /** {@code 'infinity'} of a date column, as PostgreSQL prints it. */
    public static final String INFINITY_DATE = "infinity";

    /** {@code '-infinity'} of a date column, as PostgreSQL prints it. */
    public static final String MINUS_INFINITY_DATE = "-infinity";

    private InfiniteTimes() {
    }
}
