package dev.monobridge.capture.source.mariadb;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

import dev.monobridge.capture.source.SourceValueQuirks;
import dev.monobridge.projector.change.NonFiniteNumber;

/**
 * How MariaDB's values arrive through Debezium 3.5.0 where the generic mapping would be wrong. MariaDB
 * has no infinite dates or numbers, and Debezium's dates are within its range (1000-9999), so there is
 * nothing to translate or check there.
 *
 * <p>Zero dates ({@code '0000-00-00'}, allowed only without strict SQL mode) are not recognisable:
 * Debezium sends null for a nullable column and 1970-01-01 (0) for a NOT NULL one, in the snapshot and in
 * the stream alike (docs/notes/debezium-mariadb-spike.md), so they arrive as that, documented, not guessed.
 *
 * <p>MariaDB's JSON is LONGTEXT with a {@code json_valid} check, and Debezium sends it as plain text
 * with no {@code io.debezium.data.Json} name. Its source type says JSON only for a table whose DDL
 * Debezium read from the binlog; for one it read at the snapshot ({@code SHOW CREATE TABLE}) it says
 * LONGTEXT. So the JSON columns come from the source's catalogue ({@link MariaDbJsonColumns}), read
 * before capture starts; a JSON column added while the bridge runs is known by its streamed DDL.
 */
final class MariaDbValueQuirks implements SourceValueQuirks {

    /** {@code db.table.column} of every JSON column of the captured tables. */
    private volatile Set<String> jsonColumns = Set.of();

    void knowJsonColumns(Set<String> columns) {
        jsonColumns = Set.copyOf(columns);
    }

    Set<String> jsonColumns() {
        return jsonColumns;
    }

    @Override
    public Instant specialTimestamp(long raw) {
        return null;
    }

    @Override
    public Instant specialZonedTimestamp(String text) {
        return null;
    }

    @Override
    public Object specialDate(long epochDay) {
        return null;
    }

    @Override
    public long checkedEpochDay(long epochDay) {
        return epochDay;
    }

    @Override
    public long checkedMicros(long micros) {
        return micros;
    }

    /** DECIMAL (and its synonyms, which MariaDB reports as DECIMAL) arrives as text under {@code decimal.handling.mode=string}. */
    @Override
    public boolean isDecimalType(String sourceType) {
        return switch (sourceType) {
            case "DECIMAL", "DECIMAL UNSIGNED", "NUMERIC", "DEC", "FIXED" -> true;
            default -> false;
        };
    }

    /** DECIMAL's text keeps its scale. */
    @Override
    public BigDecimal exactDecimal(String sourceType, BigDecimal value) {
        return value;
    }

    @Override
    public NonFiniteNumber specialDecimal(String text) {
        return null;
    }

    @Override
    public boolean isJson(String table, String column, String sourceType) {
        return sourceType.equals("JSON") || table != null && jsonColumns.contains(table + "." + column);
    }
}
