package dev.monobridge.projector.core;

import static dev.monobridge.projector.core.Fixtures.FAVOURITES;
import static dev.monobridge.projector.core.Fixtures.RACE_CARD;
import static dev.monobridge.projector.core.Fixtures.delete;
import static dev.monobridge.projector.core.Fixtures.insert;
import static dev.monobridge.projector.core.Fixtures.position;
import static dev.monobridge.projector.core.Fixtures.price;
import static dev.monobridge.projector.core.Fixtures.projecting;
import static dev.monobridge.projector.core.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.core.Fixtures.Projecting;

class BatchProjectorTest {

    private static final DocumentPath RUNNERS = DocumentPath.root().field("runners");

    @Test
    void aPriceChangeThatKeepsTheOrderUpdatesOnlyThatEntrysPrice() {
        Projecting racing = projecting(RACE_CARD);
        racing.project(raceWithRunners(1_000));

        ProjectionBatch batch = racing.project(update("public.runner", 2_000,
                "id", 500, "race_id", 1, "horse", "Horse 500", "cloth", 500, "price", price("3.25")));

        DocumentWrite.Update write = (DocumentWrite.Update) single(batch.writes());
        assertThat(write.sets()).containsExactly(
                new DocumentWrite.SetValue(RUNNERS.entry("id", 500L).field("price"), price("3.25")));
        assertThat(write.unsets()).isEmpty();
        assertThat(write.meta().position()).isEqualTo(position(2_000));
    }

    @Test
    void aPriceChangeThatReordersABoundedListSetsTheList() {
        Projecting favourites = projecting(FAVOURITES);
        favourites.project(
                insert("public.race", 1, "id", 1, "name", "King George VI Chase"),
                insert("public.runner", 2, "id", 1, "race_id", 1, "horse", "Arkle", "price", price("2.50")),
                insert("public.runner", 3, "id", 2, "race_id", 1, "horse", "Best Mate", "price", price("3.00")),
                insert("public.runner", 4, "id", 3, "race_id", 1, "horse", "Desert Orchid", "price", price("4.00")),
                insert("public.runner", 5, "id", 4, "race_id", 1, "horse", "Wayward Lad", "price", price("5.00")));

        ProjectionBatch batch = favourites.project(
                update("public.runner", 6, "id", 4, "race_id", 1, "horse", "Wayward Lad", "price", price("2.00")));

        DocumentWrite.Update write = (DocumentWrite.Update) single(batch.writes());
        assertThat(write.sets()).extracting(DocumentWrite.SetValue::path)
                .containsExactly(DocumentPath.root().field("favourites"));
        assertThat(ids(write.sets().get(0).value())).containsExactly(4L, 1L, 2L);
    }

    @Test
    void aDocumentWhoseWriteWasRefusedIsWrittenWholeWhenNextTouched() {
        Projecting racing = projecting(RACE_CARD);
        racing.project(raceWithRunners(3));
        DocumentWrite refused = single(racing.project(update("public.race", 100, "id", 1, "name", "King George VI Chase (Grade 1)")).writes());
        assertThat(refused).isInstanceOf(DocumentWrite.Update.class);

        racing.projector().rejected(List.of(refused.document()));
        ProjectionBatch next = racing.project(update("public.runner", 101, "id", 2, "race_id", 1, "horse", "Horse 2", "cloth", 2, "price", price("9.00")));
        ProjectionBatch after = racing.project(update("public.runner", 102, "id", 2, "race_id", 1, "horse", "Horse 2", "cloth", 2, "price", price("8.00")));

        assertThat(single(next.writes())).as("another writer's version is stored: written whole").isInstanceOf(DocumentWrite.Replace.class);
        assertThat(single(after.writes())).as("and then as differences again").isInstanceOf(DocumentWrite.Update.class);
    }

    @Test
    void aWriteCarriesTheNewestPositionOfEachTableWhoseChangesMadeIt() {
        Projecting racing = projecting(RACE_CARD);
        racing.project(raceWithRunners(3));

        ProjectionBatch batch = racing.project(
                update("public.runner", 101, "id", 2, "race_id", 1, "horse", "Horse 2", "cloth", 2, "price", price("9.00")),
                update("public.race", 100, "id", 1, "name", "King George VI Chase (Grade 1)"),
                update("public.runner", 99, "id", 3, "race_id", 1, "horse", "Horse 3", "cloth", 3, "price", price("7.00")));

        DocumentWrite.Update write = (DocumentWrite.Update) single(batch.writes());
        assertThat(write.meta().tables()).containsExactly(
                Map.entry("public.race", position(100)), Map.entry("public.runner", position(101)));
        assertThat(write.meta().position()).isEqualTo(position(101));
    }

    @Test
    void aNewDocumentIsWrittenWhole() {
        ProjectionBatch batch = projecting(RACE_CARD).project(raceWithRunners(3));

        DocumentWrite.Replace write = (DocumentWrite.Replace) single(batch.writes());
        assertThat(write.document().documentId()).isEqualTo(1L);
        assertThat(write.content()).containsEntry("name", "King George VI Chase");
        assertThat((List<?>) write.content().get("runners")).hasSize(3);
    }

    @Test
    void severalChangesToOneDocumentInABatchYieldOneWrite() {
        Projecting racing = projecting(RACE_CARD);
        racing.project(raceWithRunners(10));

        ProjectionBatch batch = racing.project(
                update("public.race", 100, "id", 1, "name", "King George VI Chase (Grade 1)"),
                update("public.runner", 101, "id", 3, "race_id", 1, "horse", "Horse 3", "cloth", 3, "price", price("4.00")),
                update("public.runner", 102, "id", 4, "race_id", 1, "horse", "Horse 4", "cloth", 4, "price", price("5.00")),
                delete("public.runner", 103, "id", 7));

        DocumentWrite.Update write = (DocumentWrite.Update) single(batch.writes());
        assertThat(write.meta().position()).isEqualTo(position(103));
        assertThat(batch.counts()).isEqualTo(new ProjectionBatch.Counts(4, 4, 0, 0, 0, 0));
    }

    @Test
    void aReplayedBatchWritesNothingAndCountsItsChangesAsStale() {
        Projecting racing = projecting(RACE_CARD);
        List<Change> changes = raceWithRunners(20);
        racing.project(changes);

        ProjectionBatch replay = racing.project(changes);

        assertThat(replay.writes()).isEmpty();
        assertThat(replay.stateChanges().isEmpty()).as("state changes of the replay").isTrue();
        assertThat(replay.counts()).isEqualTo(new ProjectionBatch.Counts(21, 0, 0, 21, 0, 0));
    }

    @Test
    void aDeleteCarryingOnlyTheKeyRemovesTheEntryFromItsDocument() {
        Projecting racing = projecting(RACE_CARD);
        racing.project(raceWithRunners(3));

        ProjectionBatch batch = racing.project(delete("public.runner", 10, "id", 2));

        DocumentWrite.Update write = (DocumentWrite.Update) single(batch.writes());
        assertThat(write.sets()).extracting(DocumentWrite.SetValue::path).containsExactly(RUNNERS);
        assertThat(ids(write.sets().get(0).value())).containsExactly(1L, 3L);
    }

    @Test
    void deletingTheRootDeletesTheDocument() {
        Projecting racing = projecting(RACE_CARD);
        racing.project(raceWithRunners(3));

        ProjectionBatch batch = racing.project(delete("public.race", 10, "id", 1));

        assertThat(single(batch.writes())).isInstanceOf(DocumentWrite.Delete.class);
    }

    @Test
    void aChangeToATableNoProjectionReadsIsCountedAndIgnored() {
        ProjectionBatch batch = projecting(RACE_CARD).project(insert("public.audit_log", 1, "id", 1, "what", "login"));

        assertThat(batch.writes()).isEmpty();
        assertThat(batch.stateChanges().isEmpty()).as("state changes").isTrue();
        assertThat(batch.counts()).isEqualTo(new ProjectionBatch.Counts(1, 0, 0, 0, 1, 0));
    }

    @Test
    void onlyTheColumnsADefinitionReadsAreRemembered() {
        Projecting racing = projecting(RACE_CARD);

        racing.project(insert("public.runner", 1, "id", 1, "race_id", 1, "horse", "Arkle", "cloth", 1,
                "price", price("2.50"), "trainer_notes", "x".repeat(10_000)));

        RowState state = racing.states().get(new RowId("public.runner", RowKey.of("id", 1L)));
        assertThat(state.values()).containsOnlyKeys("id", "race_id", "horse", "cloth", "price");
    }

    @Test
    void aLongSoakOfUpdatesAndDeletesKeepsStateAndDocumentSizeFlat() {
        Projecting racing = projecting(RACE_CARD);
        racing.project(raceWithRunners(50));
        int statesAtStart = racing.states().size();
        long pos = 1_000;
        for (int round = 0; round < 200; round++) {
            List<Change> changes = new ArrayList<>();
            for (int id = 1; id <= 50; id++) {
                changes.add(update("public.runner", pos++, "id", id, "race_id", 1, "horse", "Horse " + id, "cloth", id,
                        "price", price(round + "." + id)));
            }
            // A runner declared and withdrawn: a row that lives briefly and leaves a delete marker.
            int declared = 1_000 + round;
            changes.add(insert("public.runner", pos++, "id", declared, "race_id", 1, "horse", "Late " + round,
                    "cloth", declared, "price", price("50.00")));
            changes.add(delete("public.runner", pos++, "id", declared));
            racing.project(changes);
        }
        racing.states().expireMarkers(Fixtures.NOW.plusSeconds(1));

        assertThat(racing.states().size()).isEqualTo(statesAtStart);
        assertThat(racing.states().markerCount()).isZero();
        Map<String, Object> document = new DocumentRenderer(racing.states())
                .render(new DocumentRef(racing.plan().projections().get(0), RowKey.of("id", 1L)), Fixtures.NOW).content();
        assertThat((List<?>) document.get("runners")).hasSize(50);
    }

    /** Race 1 and its runners 1..n, in one batch. */
    private static List<Change> raceWithRunners(int runners) {
        List<Change> changes = new ArrayList<>();
        changes.add(insert("public.race", 1, "id", 1, "name", "King George VI Chase"));
        for (int id = 1; id <= runners; id++) {
            changes.add(insert("public.runner", 1 + id, "id", id, "race_id", 1, "horse", "Horse " + id, "cloth", id,
                    "price", price("10.00")));
        }
        return changes;
    }

    /** The keys of a list's entries, in list order. */
    private static List<Object> ids(Object entries) {
        return ((List<?>) entries).stream().<Object>map(entry -> ((Map<?, ?>) entry).get("id")).toList();
    }

    private static DocumentWrite single(List<DocumentWrite> writes) {
        assertThat(writes).hasSize(1);
        return writes.get(0);
    }
}
