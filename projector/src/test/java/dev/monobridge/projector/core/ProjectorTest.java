package dev.monobridge.projector.core;

import static dev.monobridge.projector.core.Fixtures.NOW;
import static dev.monobridge.projector.core.Fixtures.RACE_CARD;
import static dev.monobridge.projector.core.Fixtures.definition;
import static dev.monobridge.projector.core.Fixtures.delete;
import static dev.monobridge.projector.core.Fixtures.insert;
import static dev.monobridge.projector.core.Fixtures.position;
import static dev.monobridge.projector.core.Fixtures.price;
import static dev.monobridge.projector.core.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.testing.MovableClock;

class ProjectorTest {

    private static final Duration GRACE = Duration.ofMinutes(10);

    private final ProjectionPlan plan = new ProjectionPlan(List.of(definition(RACE_CARD)));
    private final RowStates states = new RowStates(plan.parentKeyColumns());
    private final RecordingStore store = new RecordingStore();
    private final MovableClock clock = new MovableClock(NOW);
    private final ProjectorStats stats = new ProjectorStats();
    private final Projector projector = new Projector(plan, states, store, clock, GRACE, stats);

    @Test
    void eachBatchIsHandedToTheStoreWithItsStateChanges() {
        projector.accept(List.of(raceInsert(), runnerInsert(2)));

        assertThat(store.batches).hasSize(1);
        assertThat(store.last().writes()).hasSize(1);
        assertThat(store.last().stateChanges().written()).hasSize(2);
        assertThat(stats.documentWrites()).isEqualTo(1);
        assertThat(stats.changes()).isEqualTo(2);
    }

    @Test
    void markersExpireWithTheFirstBatchAfterTheirGracePeriod() {
        projector.accept(List.of(raceInsert(), runnerInsert(2)));
        projector.accept(List.of(delete("public.runner", 3, "id", 1)));

        clock.advance(GRACE);
        projector.accept(List.of());
        assertThat(store.last().stateChanges().removed()).as("removed at the end of the grace period").isEmpty();

        clock.advance(Duration.ofSeconds(1));
        projector.accept(List.of());
        assertThat(store.last().stateChanges().removed()).containsExactly(new RowId("public.runner", RowKey.of("id", 1L)));
        assertThat(stats.expiredMarkers()).isEqualTo(1);
    }

    @Test
    void theStoreLearnsHowFarABatchsDocumentsGoBeforeTheyAreWrittenAndOnlyWhenItWritesSome() {
        projector.accept(List.of(raceInsert(), runnerInsert(2)));
        assertThat(store.horizonsBeforeBatch).as("noted before the batch's documents").containsExactly(position(2));

        projector.accept(List.of(update("public.race", 3, "id", 1, "name", "King George VI Chase")));
        projector.accept(List.of());
        assertThat(store.horizons).as("batches that wrote no document").containsExactly(position(2));
    }

    @Test
    void aFailedWriteReachesTheCaller() {
        store.failNextWrite();

        assertThatThrownBy(() -> projector.accept(List.of(raceInsert()))).isInstanceOf(IllegalStateException.class);
    }

    /**
     * The store refused a batch (an error MongoRetry does not retry), so the caller does not commit its
     * offsets and offers the same batch again, as a Kafka Connect task does after a retriable failure.
     * The documents must not silently miss it: either the projector makes the writes again, or it refuses
     * to go on until it is re-opened (and its states reloaded from the store).
     */
    @Test
    void aBatchWhoseWriteFailedIsNotSilentlyDroppedWhenOfferedAgain() {
        List<Change> batch = List.of(raceInsert(), runnerInsert(2));
        store.failNextWrite();
        assertThat(catchThrowable(() -> projector.accept(batch))).as("the first attempt").isNotNull();

        Throwable second = catchThrowable(() -> projector.accept(batch));

        if (second == null) {
            assertThat(store.last().writes()).as("document writes of the batch offered again").hasSize(1);
        } else {
            assertThat(second).as("a projector that refuses to go on").isInstanceOf(IllegalStateException.class);
        }
    }

    /**
     * A rebuild runs on its own thread beside the live stream. Once a live batch failed, whoever feeds the
     * projector re-opens another from storage and goes on with it; the rebuild, still holding this one,
     * must not write documents from its states (ahead of storage) nor swap its shadow in over the live
     * batches the other one writes.
     */
    @Test
    void aProjectorWhoseBatchFailedRefusesARebuildsRewriteAndSwap() {
        projector.accept(List.of(raceInsert(), runnerInsert(2)));
        ProjectionDefinition live = definition(RACE_CARD);
        store.failNextWrite();
        assertThat(catchThrowable(() -> projector.accept(List.of(runnerInsert(3))))).isNotNull();

        assertThatThrownBy(() -> projector.rewrite(live, List.of(RowKey.of("id", 1L))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("earlier batch failed");
        assertThatThrownBy(() -> projector.swap(live, live))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("earlier batch failed");
    }

    private static Change raceInsert() {
        return insert("public.race", 1, "id", 1, "name", "King George VI Chase");
    }

    private static Change runnerInsert(long pos) {
        return insert("public.runner", pos, "id", 1, "race_id", 1, "horse", "Kauto Star", "cloth", 1, "price", price("4.50"));
    }

    /** Keeps every batch it is given; can be told to refuse the next one, as a store that lost its disk would. */
    private static final class RecordingStore implements ProjectionStore {
        private final List<ProjectionBatch> batches = new ArrayList<>();
        private final List<dev.monobridge.projector.change.SourcePosition> horizons = new ArrayList<>();
        private List<dev.monobridge.projector.change.SourcePosition> horizonsBeforeBatch = List.of();
        private boolean failNext;

        void failNextWrite() {
            failNext = true;
        }

        ProjectionBatch last() {
            return batches.get(batches.size() - 1);
        }

        @Override
        public java.util.Set<DocumentRef> write(ProjectionBatch batch) {
            horizonsBeforeBatch = List.copyOf(horizons);
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("the store refused the batch");
            }
            batches.add(batch);
            return java.util.Set.of();
        }

        @Override
        public void noteDocumentHorizon(dev.monobridge.projector.change.SourcePosition position) {
            horizons.add(position);
        }

        @Override
        public void replaceCollection(String source, String target) {
            throw new UnsupportedOperationException("these tests run no rebuild");
        }

        @Override
        public int reconcile(ProjectionDefinition projection, java.util.Map<Object, java.util.Map<String, Object>> documents,
                             DocumentMeta meta) {
            throw new UnsupportedOperationException("these tests take no snapshot");
        }

        @Override
        public void dropCollection(String name) {
            throw new UnsupportedOperationException("these tests run no rebuild");
        }
    }
}
