package dev.monobridge.projector.core;

import static dev.monobridge.projector.core.Fixtures.NOW;
import static dev.monobridge.projector.core.Fixtures.RACE_CARD;
import static dev.monobridge.projector.core.Fixtures.definition;
import static dev.monobridge.projector.core.Fixtures.position;
import static dev.monobridge.projector.core.Fixtures.price;
import static dev.monobridge.projector.core.Fixtures.row;
import static dev.monobridge.projector.core.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.RowKey;

/**
 * Which changes need their documents' rows loaded before a batch: a rebuild's snapshot re-reads every
 * row, and loading the documents of rows that come back unchanged was nearly all of its time.
 */
class StatePrefetchTest {

    private static final ProjectionPlan PLAN = new ProjectionPlan(List.of(definition(RACE_CARD)));
    private static final RowId RUNNER = new RowId("public.runner", RowKey.of("id", 7L));
    private static final RowState REMEMBERED = RowState.live(RUNNER,
            row("id", 7L, "race_id", 1L, "horse", "Arkle", "cloth", 3L, "price", price("2.5")), position(10), NOW);

    @Test
    void aLaterChangeThatKeepsEveryReadValueChangesNoDocument() {
        assertThat(StatePrefetch.changesNoDocument(PLAN,
                update("public.runner", 11, "id", 7L, "race_id", 1L, "horse", "Arkle", "cloth", 3L, "price", price("2.5")),
                REMEMBERED)).isTrue();
    }

    @Test
    void aChangeOfAnUnreadColumnOnlyChangesNoDocument() {
        assertThat(StatePrefetch.changesNoDocument(PLAN,
                update("public.runner", 11, "id", 7L, "race_id", 1L, "horse", "Arkle", "cloth", 3L, "price", price("2.5"),
                        "trainer", "Dreaper"),
                REMEMBERED)).isTrue();
    }

    @Test
    void aChangeOfAReadColumnNeedsItsDocuments() {
        assertThat(StatePrefetch.changesNoDocument(PLAN,
                update("public.runner", 11, "id", 7L, "race_id", 1L, "horse", "Arkle", "cloth", 3L, "price", price("3.0")),
                REMEMBERED)).isFalse();
    }

    @Test
    void aStaleChangeChangesNoDocument() {
        assertThat(StatePrefetch.changesNoDocument(PLAN,
                update("public.runner", 10, "id", 7L, "race_id", 2L, "horse", "Arkle", "cloth", 3L, "price", price("3.0")),
                REMEMBERED)).isTrue();
    }

    @Test
    void aRowNotRememberedOrDeletedNeedsItsDocuments() {
        Change reinsert = update("public.runner", 11, "id", 7L, "race_id", 1L, "horse", "Arkle", "cloth", 3L, "price", price("2.5"));
        assertThat(StatePrefetch.changesNoDocument(PLAN, reinsert, null)).isFalse();
        assertThat(StatePrefetch.changesNoDocument(PLAN, reinsert, RowState.deleteMarker(RUNNER, position(10), NOW))).isFalse();
    }
}
