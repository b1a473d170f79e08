package dev.monobridge.capture.source;

import java.math.BigDecimal;
import java.time.Instant;

import dev.monobridge.projector.change.NonFiniteNumber;

/**
 * How one database's values arrive through Debezium where they differ from the generic mapping: the
 * sentinels that stand for something else (PostgreSQL's infinite timestamps), the ranges outside
 * which Debezium is known to have overflowed, and which source types are decimals. Each method answers
 * for one raw value; {@code null} means "nothing special, map it the generic way".
 */
public interface SourceValueQuirks {

    /** A timestamp sent as a number (ms, µs or ns since 1970) that stands for something else, or {@code null}. */
    Instant specialTimestamp(long raw);

    /** A zoned timestamp's text that is not a date-time (PostgreSQL's {@code infinity}), or {@code null}. */
    Instant specialZonedTimestamp(String text);

    /** A day count that stands for something else (an infinite date's marker value), or {@code null}. */
    Object specialDate(long epochDay);

    /**
     * The day count, if the database can hold it.
     *
     * @throws IllegalArgumentException when it lies outside the database's dates: Debezium overflowed
     */
    long checkedEpochDay(long epochDay);

    /**
     * The microseconds since 1970, if the database can hold them.
     *
     * @throws IllegalArgumentException when they lie outside the database's timestamps: Debezium overflowed
     */
    long checkedMicros(long micros);

    /** Whether a column of this source type (upper case) arrives as a decimal's text. */
    boolean isDecimalType(String sourceType);

    /**
     * The decimal as the source holds it, where Debezium's text has lost its scale (PostgreSQL's money
     * through Debezium 3.5.0: {@code -1.0} for {@code -1.00}); else {@code value} itself.
     */
    BigDecimal exactDecimal(String sourceType, BigDecimal value);

    /** The non-finite number a decimal's text names (NaN, the infinities), or {@code null}. */
    NonFiniteNumber specialDecimal(String text);

    /**
     * Whether the column holds JSON that arrives as plain text, without Debezium's
     * {@code io.debezium.data.Json} name (MariaDB's JSON, which is LONGTEXT with a check): it then becomes
     * a subdocument too.
     *
     * @param table the table as definitions name it, or {@code null} where it is not known
     * @param sourceType the column's source type, upper case
     */
    boolean isJson(String table, String column, String sourceType);
}
