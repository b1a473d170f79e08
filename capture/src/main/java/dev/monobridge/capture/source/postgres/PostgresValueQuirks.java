package dev.monobridge.capture.source.postgres;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Set;

import dev.monobridge.capture.source.SourceValueQuirks;
import dev.monobridge.projector.change.InfiniteTimes;
import dev.monobridge.projector.change.NonFiniteNumber;

/**
 * How PostgreSQL's values arrive through Debezium 3.5.0 (as 3.6.1 did) where the generic mapping would be wrong:
 * infinite timestamps and dates as marker numbers, and overflows near PostgreSQL's first and last
 * dates. Each marker was seen in {@code TypeMappingIT}.
 */
final class PostgresValueQuirks implements SourceValueQuirks {

    /**
     * PgJDBC's stand-ins for {@code 'infinity'} and {@code '-infinity'} timestamps
     * ({@code PGStatement.DATE_POSITIVE_INFINITY} and {@code DATE_NEGATIVE_INFINITY}), which Debezium
     * 3.5.0 (as 3.6.1 did) passes on unchanged as microseconds (checked by {@code TypeMappingIT}).
     */
    static final long TIMESTAMP_INFINITY = 9_223_372_036_825_200_000L;
    static final long TIMESTAMP_MINUS_INFINITY = -9_223_372_036_832_400_000L;

    /**
     * Debezium 3.5.0 (as 3.6.1 did) sends infinite dates as day counts no real date has (overflows of PgJDBC's
     * stand-ins), and different ones in the snapshot and in the stream: checked by {@code TypeMappingIT}.
     */
    private static final Set<Long> DATE_INFINITY = Set.of(-622_191_234L, -2_147_472_692L);
    private static final Set<Long> DATE_MINUS_INFINITY = Set.of(-625_821_272L, -2_147_472_691L);

    /** money's fractional digits under the usual lc_monetary. */
    private static final int MONEY_SCALE = 2;

    /** PostgreSQL's first date, 4713-01-01 BC, as days since 1970 (with a margin for calendar differences). */
    private static final long FIRST_POSTGRES_EPOCH_DAY = -2_500_000L;

    /**
     * PostgreSQL's first timestamp, 4713 BC, in microseconds since 1970 (with a margin). Debezium 3.5.0 (as 3.6.1 did)
     * overflows on timestamps near PostgreSQL's last one (294276 AD) and sends a value far before this:
     * a wrong date, so the column is unconvertible rather than silently wrong.
     */
    private static final long FIRST_POSTGRES_MICROS = -211_000_000_000_000_000L;

    @Override
    public Instant specialTimestamp(long raw) {
        if (raw == TIMESTAMP_INFINITY) {
            return InfiniteTimes.INFINITY;
        }
        if (raw == TIMESTAMP_MINUS_INFINITY) {
            return InfiniteTimes.MINUS_INFINITY;
        }
        return null;
    }

    @Override
    public Instant specialZonedTimestamp(String text) {
        return switch (text) {
            case "infinity" -> InfiniteTimes.INFINITY;
            case "-infinity" -> InfiniteTimes.MINUS_INFINITY;
            default -> null;
        };
    }

    @Override
    public Object specialDate(long epochDay) {
        if (DATE_INFINITY.contains(epochDay)) {
            return InfiniteTimes.INFINITY_DATE;
        }
        if (DATE_MINUS_INFINITY.contains(epochDay)) {
            return InfiniteTimes.MINUS_INFINITY_DATE;
        }
        return null;
    }

    @Override
    public long checkedEpochDay(long epochDay) {
        if (epochDay < FIRST_POSTGRES_EPOCH_DAY) {
            throw new IllegalArgumentException("day " + epochDay + " lies before PostgreSQL's first date, so it is not one Debezium read faithfully");
        }
        return epochDay;
    }

    @Override
    public long checkedMicros(long micros) {
        if (micros < FIRST_POSTGRES_MICROS) {
            throw new IllegalArgumentException(micros + " microseconds lies before PostgreSQL's first timestamp: "
                    + "Debezium overflowed on a timestamp near 294276 AD");
        }
        return micros;
    }

    /** numeric, decimal and money arrive as text under {@code decimal.handling.mode=string}. */
    @Override
    public boolean isDecimalType(String sourceType) {
        return switch (sourceType) {
            case "NUMERIC", "DECIMAL", "MONEY" -> true;
            default -> false;
        };
    }

    /**
     * money has two fractional digits (under the usual lc_monetary, as {@code PostgresJdbcValues} reads it);
     * Debezium 3.5.0 sends it through a double, so -1.00 arrives as "-1.0" (seen in {@code TypeMappingIT}).
     */
    @Override
    public BigDecimal exactDecimal(String sourceType, BigDecimal value) {
        return sourceType.equals("MONEY") && value.scale() < MONEY_SCALE ? value.setScale(MONEY_SCALE, RoundingMode.UNNECESSARY) : value;
    }

    /** The names Debezium gives PostgreSQL's special numeric values (both spellings seen). */
    @Override
    public NonFiniteNumber specialDecimal(String text) {
        return switch (text) {
            case "NAN", "NaN" -> NonFiniteNumber.NAN;
            case "POSITIVE_INFINITY", "Infinity" -> NonFiniteNumber.INFINITY;
            case "NEGATIVE_INFINITY", "-Infinity" -> NonFiniteNumber.MINUS_INFINITY;
            default -> null;
        };
    }

    /** json and jsonb arrive named {@code io.debezium.data.Json}, which the generic mapping reads. */
    @Override
    public boolean isJson(String table, String column, String sourceType) {
        return false;
    }
}
