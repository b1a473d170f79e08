package dev.monobridge.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

import dev.monobridge.capture.source.postgres.PostgresEvents;
import dev.monobridge.projector.change.InfiniteTimes;
import dev.monobridge.projector.change.NonFiniteNumber;
import dev.monobridge.projector.change.Unconvertible;

/**
 * Column values as Debezium 3.6.1 sends them (the values were seen against a real PostgreSQL 17 in
 * {@code TypeMappingIT} and {@code PoisonValuesIT}), and the projector's value for each.
 */
class DebeziumValuesTest {

    /** The values as PostgreSQL sends them: its quirks are what most of these cases are about. */
    private static final DebeziumValues VALUES = new DebeziumValues(new PostgresEvents().values());

    private static final Schema MICRO_TIMESTAMP = SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build();
    private static final Schema ZONED_TIMESTAMP = SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build();
    private static final Schema DATE = SchemaBuilder.int32().name("io.debezium.time.Date").optional().build();

    @Test
    void infiniteTimestampsBecomeTheLargestAndSmallestJavaScriptDates() {
        assertThat(VALUES.value(MICRO_TIMESTAMP, 9_223_372_036_825_200_000L)).isEqualTo(InfiniteTimes.INFINITY);
        assertThat(VALUES.value(MICRO_TIMESTAMP, -9_223_372_036_832_400_000L)).isEqualTo(InfiniteTimes.MINUS_INFINITY);
        assertThat(VALUES.value(ZONED_TIMESTAMP, "infinity")).isEqualTo(InfiniteTimes.INFINITY);
        assertThat(VALUES.value(ZONED_TIMESTAMP, "-infinity")).isEqualTo(InfiniteTimes.MINUS_INFINITY);
        assertThat(InfiniteTimes.INFINITY).isEqualTo(Instant.parse("+275760-09-13T00:00:00Z"));
        assertThat(InfiniteTimes.MINUS_INFINITY).isEqualTo(Instant.parse("-271821-04-20T00:00:00Z"));
    }

    @Test
    void aTimestampDebeziumOverflowedOnIsUnconvertibleNotSilentlyWrong() {
        Schema row = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("at", MICRO_TIMESTAMP).build();

        // '294276-12-31 23:59:59.999999', as Debezium 3.6.1 sends it.
        Object at = VALUES.row(new Struct(row).put("id", 1L).put("at", -9_223_372_036_853_775_810L)).get("at");

        assertThat(at).isInstanceOfSatisfying(Unconvertible.class, marker -> assertThat(marker.reason()).contains("overflowed"));
    }

    @Test
    void infiniteDatesBecomeTheTextsPostgresPrintsFromTheSnapshotAndFromTheStream() {
        assertThat(VALUES.value(DATE, -622_191_234)).isEqualTo("infinity");
        assertThat(VALUES.value(DATE, -2_147_472_692)).isEqualTo("infinity");
        assertThat(VALUES.value(DATE, -625_821_272)).isEqualTo("-infinity");
        assertThat(VALUES.value(DATE, -2_147_472_691)).isEqualTo("-infinity");
        assertThat(VALUES.value(DATE, (int) LocalDate.parse("2026-12-26").toEpochDay())).isEqualTo(LocalDate.parse("2026-12-26"));
    }

    @Test
    void decimalsArriveAsExactTextWithTheirScaleAndTheSpecialValuesByName() {
        Schema numeric = decimal("NUMERIC");
        assertThat(VALUES.value(numeric, "2.50")).isEqualTo(new BigDecimal("2.50"));
        assertThat(VALUES.value(numeric, "NAN")).isEqualTo(NonFiniteNumber.NAN);
        assertThat(VALUES.value(numeric, "POSITIVE_INFINITY")).isEqualTo(NonFiniteNumber.INFINITY);
        assertThat(VALUES.value(numeric, "NEGATIVE_INFINITY")).isEqualTo(NonFiniteNumber.MINUS_INFINITY);
        assertThat(VALUES.value(decimal("MONEY"), "-1.00")).isEqualTo(new BigDecimal("-1.00"));
        // A text column that happens to hold "NAN" stays text: only the source type makes it a decimal.
        assertThat(VALUES.value(decimal("TEXT"), "NAN")).isEqualTo("NAN");
    }

    @Test
    void aValueThatCannotBeConvertedBecomesAMarkerForThatColumnAlone() {
        Schema row = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).field("starts", ZONED_TIMESTAMP).build();

        Map<String, Object> converted = VALUES.row(new Struct(row).put("id", 5L).put("starts", "yesterday"));

        assertThat(converted.get("id")).isEqualTo(5L);
        assertThat(converted.get("starts")).isInstanceOfSatisfying(Unconvertible.class, marker ->
                assertThat(marker.reason()).startsWith("cannot convert the io.debezium.time.ZonedTimestamp value 'yesterday': "));
    }

    private static Schema decimal(String sourceType) {
        return SchemaBuilder.string().optional().parameter(DebeziumValues.SOURCE_TYPE, sourceType).build();
    }
}
