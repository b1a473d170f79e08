package dev.monobridge.projector.core;

import static dev.monobridge.projector.core.Fixtures.NOW;
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

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.core.Fixtures.Projecting;
import dev.monobridge.projector.core.TrailEntry.Outcome;

/** Issue 17, trace: what the core says each change did, per document and per source row. */
class TrailTest {

    private static final int LENGTH = 10;

    private final Projecting racing = projecting(RACE_CARD, LENGTH);
    private final DocumentRef race1 = new DocumentRef(racing.plan().projection("race-card"), RowKey.of("id", 1L));
    private final DocumentRef race2 = new DocumentRef(racing.plan().projection("race-card"), RowKey.of("id", 2L));
    private final RowId runner7 = new RowId("public.runner", RowKey.of("id", 7L));

    @Test
    void theTrailOfADocumentNamesTheChangesThatMadeItInOrderWithWhatTheyWrote() {
        ProjectionBatch created = racing.project(
                insert("public.race", 1, "id", 1, "name", "King George VI Chase"),
                insert("public.runner", 2, "id", 7, "race_id", 1, "horse", "Kauto Star", "cloth", 1, "price", price("2.50")));
        ProjectionBatch priced = racing.project(withTx(
                update("public.runner", 3, "id", 7, "race_id", 1, "horse", "Kauto Star", "cloth", 1, "price", price("2.25")), "tx-42"));

        assertThat(created.trail().documents().get(race1)).extracting(TrailEntry::position, TrailEntry::table, TrailEntry::op,
                        TrailEntry::outcome, TrailEntry::paths)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(position(1), "public.race", Op.CREATE, Outcome.WROTE, List.of(TrailEntry.WHOLE_DOCUMENT)),
                        org.assertj.core.groups.Tuple.tuple(position(2), "public.runner", Op.CREATE, Outcome.WROTE, List.of(TrailEntry.WHOLE_DOCUMENT)));
        TrailEntry price = single(priced.trail().documents().get(race1));
        assertThat(price.outcome()).isEqualTo(Outcome.WROTE);
        assertThat(price.paths()).containsExactly(
                DocumentPath.root().field("runners").entry("id", 7L).field("price").toString());
        assertThat(price.key()).isEqualTo(RowKey.of("id", 7L));
        assertThat(price.txId()).isEqualTo("tx-42");
        assertThat(price.commitTime()).isEqualTo(NOW);
    }

    @Test
    void aReplayedChangeShowsAsStaleInTheTrailsOfItsDocumentAndItsRow() {
        Change priced = update("public.runner", 3, "id", 7, "race_id", 1, "horse", "Kauto Star", "cloth", 1, "price", price("2.25"));
        racing.project(insert("public.race", 1, "id", 1, "name", "King George VI Chase"),
                insert("public.runner", 2, "id", 7, "race_id", 1, "horse", "Kauto Star", "cloth", 1, "price", price("2.50")), priced);

        ProjectionBatch replayed = racing.project(priced);

        assertThat(replayed.writes()).isEmpty();
        assertThat(single(replayed.trail().documents().get(race1)).outcome()).isEqualTo(Outcome.STALE);
        TrailEntry row = single(replayed.trail().rows().get(runner7));
        assertThat(row.outcome()).isEqualTo(Outcome.STALE);
        assertThat(row.documents()).as("the row is still in its race").containsExactly(race1);
    }

    @Test
    void aChangeToColumnsNoProjectionReadsShowsAsFiltered() {
        racing.project(insert("public.race", 1, "id", 1, "name", "King George VI Chase"),
                insert("public.runner", 2, "id", 7, "race_id", 1, "horse", "Kauto Star", "cloth", 1, "price", price("2.50")));

        ProjectionBatch unread = racing.project(update("public.runner", 3, "id", 7, "race_id", 1, "horse", "Kauto Star", "cloth", 1,
                "price", price("2.50"), "jockey", "Ruby Walsh"));

        assertThat(unread.writes()).isEmpty();
        assertThat(single(unread.trail().documents().get(race1)).outcome()).isEqualTo(Outcome.FILTERED);
        assertThat(single(unread.trail().rows().get(runner7)).outcome()).isEqualTo(Outcome.FILTERED);
    }

    @Test
    void aRowsTrailSaysWhichDocumentsItIsInAfterEachChange() {
        racing.project(insert("public.race", 1, "id", 1, "name", "King George VI Chase"),
                insert("public.race", 2, "id", 2, "name", "Gold Cup"),
                insert("public.runner", 3, "id", 7, "race_id", 1, "horse", "Kauto Star", "cloth", 1, "price", price("2.50")));

        ProjectionBatch moved = racing.project(update("public.runner", 4, "id", 7, "race_id", 2, "horse", "Kauto Star", "cloth", 1,
                "price", price("2.50")));
        ProjectionBatch deleted = racing.project(delete("public.runner", 5, "id", 7));

        TrailEntry move = single(moved.trail().rows().get(runner7));
        assertThat(move.outcome()).isEqualTo(Outcome.WROTE);
        assertThat(move.documents()).containsExactly(race2);
        assertThat(single(moved.trail().documents().get(race1)).paths()).as("the race it left").anyMatch(path -> path.contains("runners"));
        assertThat(single(moved.trail().documents().get(race2)).outcome()).isEqualTo(Outcome.WROTE);
        TrailEntry gone = single(deleted.trail().rows().get(runner7));
        assertThat(gone.op()).isEqualTo(Op.DELETE);
        assertThat(gone.documents()).as("in no document after its delete").isEmpty();
        assertThat(single(deleted.trail().documents().get(race2)).outcome()).isEqualTo(Outcome.WROTE);
    }

    @Test
    void aDeletedRootSaysItsDocumentWasDeleted() {
        racing.project(insert("public.race", 1, "id", 1, "name", "King George VI Chase"));

        ProjectionBatch deleted = racing.project(delete("public.race", 2, "id", 1));

        assertThat(single(deleted.trail().documents().get(race1)).paths()).containsExactly(TrailEntry.DOCUMENT_DELETED);
    }

    @Test
    void aBatchKeepsOnlyTheLastEntriesOfATrailsLength() {
        List<Change> changes = new ArrayList<>();
        changes.add(insert("public.race", 1, "id", 1, "name", "King George VI Chase"));
        for (int pos = 2; pos < 2 + 3 * LENGTH; pos++) {
            changes.add(update("public.race", pos, "id", 1, "name", "Race " + pos));
        }

        ProjectionBatch batch = racing.project(changes);

        assertThat(batch.trail().documents().get(race1)).hasSize(LENGTH)
                .extracting(TrailEntry::position).last().isEqualTo(position(1 + 3 * LENGTH));
        assertThat(batch.trail().rows().get(new RowId("public.race", RowKey.of("id", 1L)))).hasSize(LENGTH);
    }

    @Test
    void aSnapshotReadIsInItsDocumentsTrailAndLeavesItsRowToItsRememberedState() {
        Change read = new Change("public.race", Op.READ, RowKey.of("id", 1L), null,
                Fixtures.row("id", 1L, "name", "King George VI Chase"), position(1), NOW, null);

        ProjectionBatch batch = racing.project(read);

        assertThat(single(batch.trail().documents().get(race1)).op()).isEqualTo(Op.READ);
        assertThat(batch.trail().rows()).as("a trail per row read would be as large as the tables").isEmpty();
    }

    @Test
    void withTheTrailOffABatchHasNoTrail() {
        Projecting untraced = projecting(RACE_CARD, 0);

        ProjectionBatch batch = untraced.project(insert("public.race", 1, "id", 1, "name", "King George VI Chase"));

        assertThat(batch.writes()).hasSize(1);
        assertThat(batch.trail()).isEqualTo(BatchTrail.EMPTY);
    }

    private static Change withTx(Change change, String txId) {
        return new Change(change.table(), change.op(), change.key(), change.before(), change.after(), change.position(),
                change.commitTime(), txId);
    }

    private static TrailEntry single(List<TrailEntry> entries) {
        assertThat(entries).hasSize(1);
        return entries.get(0);
    }
}
