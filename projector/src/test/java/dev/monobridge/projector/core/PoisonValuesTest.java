package dev.monobridge.projector.core;

import static dev.monobridge.projector.core.Fixtures.FAVOURITES;
import static dev.monobridge.projector.core.Fixtures.RACE_CARD;
import static dev.monobridge.projector.core.Fixtures.insert;
import static dev.monobridge.projector.core.Fixtures.price;
import static dev.monobridge.projector.core.Fixtures.projecting;
import static dev.monobridge.projector.core.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.InfiniteTimes;
import dev.monobridge.projector.change.NonFiniteNumber;
import dev.monobridge.projector.change.Unconvertible;
import dev.monobridge.projector.definition.Retention;

/**
 * P9: whatever value a source row holds, the projector goes on. A value that cannot be stored matters
 * only in a column a projection reads, and then the change is a dead letter with the reason.
 */
class PoisonValuesTest {

    @Test
    void anUnconvertibleValueInAnUnreadColumnIsIgnoredAndTheChangeApplies() {
        Fixtures.Projecting p = projecting(RACE_CARD);
        ProjectionBatch batch = p.project(insert("public.race", 1, "id", 1L, "name", "Chase",
                "created_at", new Unconvertible("cannot convert the timestamptz value 'infinity'")));

        assertThat(batch.deadLetters()).isEmpty();
        assertThat(batch.writes()).hasSize(1);
    }

    @Test
    void anUnconvertibleValueInAReadColumnMakesTheChangeADeadLetterWithTheReason() {
        Fixtures.Projecting p = projecting(RACE_CARD);
        ProjectionBatch batch = p.project(insert("public.race", 1, "id", 1L,
                "name", new Unconvertible("cannot convert the text value 'x': broken")));

        assertThat(batch.writes()).isEmpty();
        assertThat(batch.deadLetters()).singleElement().satisfies(letter -> {
            assertThat(letter.reason()).isEqualTo("public.race.name: cannot convert the text value 'x': broken");
            assertThat(letter.position()).isEqualTo(Fixtures.position(1));
            assertThat(letter.key().columns()).isEqualTo(Map.of("id", 1L));
        });
    }

    @Test
    void jsonThatMongoDbWouldRefuseIsADeadLetterNeverWrittenAsItIs() {
        String notes = RACE_CARD.replace("fields: [id, name]", "fields: [id, name, notes]");
        assertThat(deadLetterReason(notes, Map.of("$gt", 1L))).contains("the key \"$gt\" starts with '$'");
        assertThat(deadLetterReason(notes, Map.of("x.y", 1L))).contains("the key \"x.y\" contains '.'");
        assertThat(deadLetterReason(notes, Map.of("a\0b", 1L))).contains("NUL");
        // The document is level 1 and a root field's object level 2, so 99 nested objects reach level 100
        // and fit; 100 do not.
        assertThat(deadLetterReason(notes, nested(99))).isNull();
        assertThat(deadLetterReason(notes, nested(100))).contains("deeper than MongoDB's 100 levels");
    }

    @Test
    void numericNaNAndInfinitiesOrderAsPostgresOrdersThemAcrossRepresentations() {
        List<Object> values = new ArrayList<>(List.of(NonFiniteNumber.NAN, price("2.50"), Double.POSITIVE_INFINITY,
                NonFiniteNumber.MINUS_INFINITY, 3L, Double.NaN, NonFiniteNumber.INFINITY, Double.NEGATIVE_INFINITY, 2.5));
        values.sort(Values.ORDER);

        assertThat(values.subList(0, 2)).containsExactlyInAnyOrder(NonFiniteNumber.MINUS_INFINITY, Double.NEGATIVE_INFINITY);
        assertThat(values.subList(2, 5)).containsExactlyInAnyOrder(price("2.50"), 2.5, 3L);
        assertThat(values.subList(5, 7)).containsExactlyInAnyOrder(NonFiniteNumber.INFINITY, Double.POSITIVE_INFINITY);
        assertThat(values.subList(7, 9)).containsExactlyInAnyOrder(NonFiniteNumber.NAN, Double.NaN);
        assertThat(Values.compare(NonFiniteNumber.NAN, Double.NaN)).isZero();
        assertThat(Values.compare(new BigDecimal("2.50"), 2.5)).isZero();
    }

    @Test
    void aNegativeInfinityPriceHeadsATopNInsteadOfVanishing() {
        Fixtures.Projecting p = projecting(FAVOURITES);
        ProjectionBatch batch = p.project(List.of(
                insert("public.race", 1, "id", 1L, "name", "Chase"),
                insert("public.runner", 2, "id", 1L, "race_id", 1L, "horse", "Arkle", "price", price("2.00")),
                insert("public.runner", 3, "id", 2L, "race_id", 1L, "horse", "Denman", "price", NonFiniteNumber.MINUS_INFINITY),
                insert("public.runner", 4, "id", 3L, "race_id", 1L, "horse", "Kauto", "price", NonFiniteNumber.NAN)));

        assertThat(batch.deadLetters()).isEmpty();
        DocumentWrite.Replace write = (DocumentWrite.Replace) batch.writes().get(0);
        assertThat(write.content().get("favourites")).isEqualTo(List.of(
                row("id", 2L, "horse", "Denman", "price", NonFiniteNumber.MINUS_INFINITY),
                row("id", 1L, "horse", "Arkle", "price", price("2.00")),
                row("id", 3L, "horse", "Kauto", "price", NonFiniteNumber.NAN)));
    }

    @Test
    void retentionTreatsInfinityAsNeverExpiringAndMinusInfinityAsLongExpiredWithoutThrowing() {
        Retention retention = new Retention("settled_at", Duration.ofDays(7));
        assertThat(retention.hasExpired(Map.of("settled_at", InfiniteTimes.INFINITY), Fixtures.NOW)).isFalse();
        assertThat(retention.hasExpired(Map.of("settled_at", InfiniteTimes.MINUS_INFINITY), Fixtures.NOW)).isTrue();
        Retention longest = new Retention("settled_at", Retention.MAX_KEEP);
        assertThat(longest.hasExpired(Map.of("settled_at", InfiniteTimes.INFINITY), Fixtures.NOW)).isFalse();
    }

    private static String deadLetterReason(String yaml, Object notes) {
        Fixtures.Projecting p = projecting(yaml);
        ProjectionBatch batch = p.project(insert("public.race", 1, "id", 1L, "name", "Chase", "notes", notes));
        return batch.deadLetters().isEmpty() ? null : batch.deadLetters().get(0).reason();
    }

    private static Object nested(int levels) {
        Object value = Map.of("leaf", 1L);
        for (int i = 1; i < levels; i++) {
            value = Map.of("k", value);
        }
        return value;
    }
}
