package dev.monobridge.projector.core;

import static dev.monobridge.projector.core.Fixtures.RACE_CARD;
import static dev.monobridge.projector.core.Fixtures.definition;
import static dev.monobridge.projector.core.Fixtures.position;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.Unavailable;

/** A mapped column renamed, dropped or retyped in the source is noticed from the columns changes declare. */
class SchemaWatchTest {

    private static final ProjectionPlan PLAN = new ProjectionPlan(List.of(definition(RACE_CARD)));
    private static final Map<String, String> RACE = Map.of("id", "int8", "name", "text", "created_at", "timestamptz");

    private final Conditions conditions = new Conditions();
    private final SchemaWatch watch = new SchemaWatch(conditions);

    @Test
    void aMappedColumnMissingFromAChangeMakesItADeadLetterAndRaisesACondition() {
        List<DeadLetter> letters = new ArrayList<>();
        List<Change> kept = watch.check(List.of(race(1, RACE), race(2, Map.of("id", "int8", "title", "text"))), PLAN, letters);

        assertThat(kept).extracting(Change::position).containsExactly(position(1));
        String reason = "public.race.name, which projection race-card maps, is missing from changes since " + position(2)
                + ": renamed or dropped in the source?";
        assertThat(letters).singleElement().satisfies(letter -> assertThat(letter.reason()).isEqualTo(reason));
        assertThat(conditions.isRaised("schema:public.race.name")).isTrue();
        assertThat(conditions.reasons()).containsExactly(reason);

        // Renamed back: the condition clears and changes flow again.
        assertThat(watch.check(List.of(race(3, RACE)), PLAN, letters)).hasSize(1);
        assertThat(conditions.reasons()).isEmpty();
    }

    @Test
    void anAddedColumnAndAToastedOneAreNoSchemaChange() {
        List<DeadLetter> letters = new ArrayList<>();
        Map<String, String> wider = Map.of("id", "int8", "name", "text", "created_at", "timestamptz", "going", "text");
        Change toasted = new Change("public.race", Op.UPDATE, RowKey.of("id", 1L), null,
                Map.of("id", 1L, "name", Unavailable.VALUE), position(2), Fixtures.NOW, null, RACE);

        assertThat(watch.check(List.of(race(1, wider), toasted), PLAN, letters)).hasSize(2);
        assertThat(letters).isEmpty();
        assertThat(conditions.reasons()).isEmpty();
    }

    @Test
    void aRetypedColumnKeepsFlowingAndRaisesAWarningOnce() {
        List<DeadLetter> letters = new ArrayList<>();
        Map<String, String> retyped = Map.of("id", "int8", "name", "varchar", "created_at", "timestamptz");

        assertThat(watch.check(List.of(race(1, RACE), race(2, retyped), race(3, retyped)), PLAN, letters)).hasSize(3);
        assertThat(letters).isEmpty();
        assertThat(conditions.reasons()).singleElement().asString()
                .contains("public.race.name, which projection race-card maps, changed type from text to varchar at " + position(2));
    }

    private static Change race(long pos, Map<String, String> columns) {
        Map<String, Object> after = new java.util.LinkedHashMap<>();
        columns.keySet().forEach(column -> after.put(column, column.equals("id") ? (Object) 1L : "x"));
        return new Change("public.race", Op.UPDATE, RowKey.of("id", 1L), null, after, position(pos), Fixtures.NOW, null, columns);
    }
}
