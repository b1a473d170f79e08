package dev.monobridge.projector.core;

import static dev.monobridge.projector.core.Fixtures.NOW;
import static dev.monobridge.projector.core.Fixtures.RACE_CARD;
import static dev.monobridge.projector.core.Fixtures.definition;
import static dev.monobridge.projector.core.Fixtures.insert;
import static dev.monobridge.projector.core.Fixtures.position;
import static dev.monobridge.projector.core.Fixtures.price;
import static dev.monobridge.projector.core.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.testing.MovableClock;

/**
 * Capture, projection and writes overlapped: what the pipeline promises the capture (order, back-pressure,
 * acknowledgement only after the store's, nothing after a failure), against a store whose writes a test holds.
 */
class ProjectorPipelineTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ProjectionPlan plan = new ProjectionPlan(List.of(definition(RACE_CARD)));
    private final GatedStore store = new GatedStore();
    private final ProjectorStats stats = new ProjectorStats();
    private final MovableClock clock = new MovableClock(NOW);
    private final Projector projector = new Projector(plan, new RowStates(plan.parentKeyColumns()), store,
            clock, Duration.ofMinutes(10), stats);
    private final ProjectorPipeline pipeline = ProjectorPipeline.start(projector, stats);
    private final Acknowledgements acks = new Acknowledgements();

    @AfterEach
    void close() {
        store.open();
        pipeline.close();
    }

    @Test
    void theNextBatchIsProjectedWhileTheOneBeforeIsBeingWritten() throws Exception {
        store.hold();
        pipeline.submit(List.of(raceInsert(1)), List.of(), acks.next());
        pipeline.submit(List.of(runnerInsert(2, 1, "4.50")), List.of(), acks.next());

        // Batch 2 waits in the write stage, projected, while batch 1's write is held.
        await("batch 2 projected while batch 1 is written").atMost(WAIT).until(() -> stats.batchesToWrite() == 2);
        assertThat(store.written()).as("writes stored").isEmpty();
        assertThat(stats.batchesToProject()).as("batches left to project").isZero();
        assertThat(acks.events()).as("nothing acknowledged before the store acknowledged").isEmpty();

        store.open();
        await("both acknowledged").atMost(WAIT).until(() -> acks.events().size() == 2);
        assertThat(acks.events()).containsExactly("acknowledged 1", "acknowledged 2");
        assertThat(store.newestPositions()).containsExactly(position(1), position(2));
        assertThat(stats.batchesToWrite()).isZero();
    }

    @Test
    void eachBatchIsAcknowledgedAfterTheStoreAcknowledgedItAndInTheOrderHandedOver() throws Exception {
        for (int batch = 1; batch <= 20; batch++) {
            pipeline.submit(List.of(update("public.race", batch, "id", 1, "name", "Race " + batch)), List.of(), acks.next());
        }

        await("all acknowledged").atMost(WAIT).until(() -> acks.events().size() == 20);
        List<String> expected = new ArrayList<>();
        List<SourcePosition> positions = new ArrayList<>();
        for (int batch = 1; batch <= 20; batch++) {
            expected.add("acknowledged " + batch);
            positions.add(position(batch));
        }
        assertThat(acks.events()).isEqualTo(expected);
        assertThat(store.newestPositions()).as("the store saw the batches in order").isEqualTo(positions);
        assertThat(acks.storedBeforeAcknowledged()).as("batches the store held when each was acknowledged").isEqualTo(positions);
    }

    /**
     * One batch being written, two waiting for the writer, one projected and waiting for room, two waiting to be
     * projected: the next submit blocks, which is what slows the engine down to MongoDB's pace.
     */
    @Test
    void aFullPipelineBlocksTheCaptureUntilTheWriterMovesOn() throws Exception {
        store.hold();
        int room = 1 + ProjectorPipeline.DEPTH + 1 + ProjectorPipeline.DEPTH;
        AtomicInteger handed = new AtomicInteger();
        Thread capture = new Thread(() -> {
            try {
                for (int batch = 1; batch <= room + 1; batch++) {
                    pipeline.submit(List.of(update("public.race", batch, "id", 1, "name", "Race " + batch)), List.of(), acks.next());
                    handed.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "test-capture");
        capture.start();

        await("the capture blocks").atMost(WAIT).until(() -> handed.get() == room && capture.getState() == Thread.State.WAITING);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(stats.batchesToWrite()).as("held by the writer: one written, the others queued").isEqualTo(1 + ProjectorPipeline.DEPTH);
            assertThat(stats.batchesToProject()).as("one waiting for room, the others queued").isEqualTo(1 + ProjectorPipeline.DEPTH);
        });
        assertThat(handed.get()).as("batches handed over while the writer is held").isEqualTo(room);

        store.open();
        capture.join(WAIT.toMillis());
        await("all acknowledged").atMost(WAIT).until(() -> acks.events().size() == room + 1);
        assertThat(handed.get()).isEqualTo(room + 1);
    }

    @Test
    void aFailedWriteFailsThatBatchAndEveryLaterOneAndTheCaptureIsRefusedAfterIt() throws Exception {
        store.hold();
        store.failNext();
        pipeline.submit(List.of(raceInsert(1)), List.of(), acks.next());
        pipeline.submit(List.of(runnerInsert(2, 1, "4.50")), List.of(), acks.next());
        await("batch 2 projected").atMost(WAIT).until(() -> stats.batchesToWrite() == 2);

        store.open();
        await("both failed").atMost(WAIT).until(() -> acks.events().size() == 2);
        assertThat(acks.events()).containsExactly("failed 1: the store refused the batch", "failed 2: the store refused the batch");
        assertThat(store.written()).as("nothing written after the failed batch").isEmpty();
        assertThatThrownBy(() -> pipeline.submit(List.of(runnerInsert(3, 2, "5.00")), List.of(), acks.next()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("the store refused the batch");
        assertThatThrownBy(() -> projector.accept(List.of(runnerInsert(3, 2, "5.00"))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("re-open the projector");
    }

    /** The timer's batches and a rebuild's writes go through the same stage, after what was handed before them. */
    @Test
    void aBatchAcceptedBesideThePipelineIsWrittenAfterThePipelinedOnesBeforeIt() throws Exception {
        store.hold();
        pipeline.submit(List.of(raceInsert(1)), List.of(), acks.next());
        pipeline.submit(List.of(runnerInsert(2, 1, "4.50")), List.of(), acks.next());
        await("batch 2 projected").atMost(WAIT).until(() -> stats.batchesToWrite() == 2);
        Thread timer = new Thread(() -> projector.accept(List.of(runnerInsert(3, 2, "5.00"))), "test-timer");
        timer.start();
        await("the timer's batch waits for the writer").atMost(WAIT).until(() -> stats.batchesToWrite() == 3);

        store.open();
        timer.join(WAIT.toMillis());
        assertThat(store.newestPositions()).containsExactly(position(1), position(2), position(3));
    }

    /** Waiting for the writer would hold the projector's lock, and so the next batch's projection, every second. */
    @Test
    void theTimersStepHandsItsBatchOverWithoutWaitingForTheWritesAheadOfIt() throws Exception {
        store.hold();
        pipeline.submit(List.of(raceInsert(1)), List.of(), acks.next());
        await("batch 1 being written").atMost(WAIT).until(() -> stats.batchesToWrite() == 1);
        clock.advance(Duration.ofSeconds(1));
        Thread timer = new Thread(projector::advanceTime, "test-timer");
        timer.start();

        timer.join(WAIT.toMillis());
        assertThat(timer.isAlive()).as("the timer still waits").isFalse();
        assertThat(stats.batchesToWrite()).as("the time step's batch queued behind batch 1").isEqualTo(2);
        assertThat(store.written()).as("stored so far").isEmpty();

        store.open();
        await("both stored").atMost(WAIT).until(() -> store.written().size() == 2);
        assertThat(store.written().get(1).asOf()).as("the time step's batch, rendered a second later").isEqualTo(NOW.plusSeconds(1));
    }

    @Test
    void aCloseStoresWhatWasHandedOverBeforeItStops() throws Exception {
        for (int batch = 1; batch <= 5; batch++) {
            pipeline.submit(List.of(update("public.race", batch, "id", 1, "name", "Race " + batch)), List.of(), acks.next());
        }

        pipeline.close();

        assertThat(acks.events()).hasSize(5).allMatch(event -> event.startsWith("acknowledged"));
        assertThatThrownBy(() -> pipeline.submit(List.of(raceInsert(6)), List.of(), acks.next()))
                .isInstanceOf(IllegalStateException.class);
        projector.accept(List.of(runnerInsert(7, 2, "5.00")));
        assertThat(store.newestPositions()).as("after the close the projector writes inline").endsWith(position(7));
    }

    private static Change raceInsert(long pos) {
        return insert("public.race", pos, "id", 1, "name", "King George VI Chase");
    }

    private static Change runnerInsert(long pos, long id, String price) {
        return insert("public.runner", pos, "id", id, "race_id", 1, "horse", "Runner " + id, "cloth", id, "price", price(price));
    }

    /** Numbers the acknowledgements it makes, and records what each was told and what the store held then. */
    private final class Acknowledgements {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final List<SourcePosition> storedBeforeAcknowledged = Collections.synchronizedList(new ArrayList<>());
        private int made;

        Acknowledgement next() {
            int number = ++made;
            return new Acknowledgement() {
                @Override
                public void acknowledged() {
                    List<SourcePosition> stored = store.newestPositions();
                    storedBeforeAcknowledged.add(stored.isEmpty() ? null : stored.get(stored.size() - 1));
                    events.add("acknowledged " + number);
                }

                @Override
                public void failed(RuntimeException cause) {
                    events.add("failed " + number + ": " + cause.getMessage());
                }
            };
        }

        List<String> events() {
            return List.copyOf(events);
        }

        List<SourcePosition> storedBeforeAcknowledged() {
            return List.copyOf(storedBeforeAcknowledged);
        }
    }

    /** Keeps every batch it stores; a test can hold its writes until it opens the gate, or refuse the next one. */
    private static final class GatedStore implements ProjectionStore {
        private final List<ProjectionBatch> written = Collections.synchronizedList(new ArrayList<>());
        private final List<SourcePosition> newest = Collections.synchronizedList(new ArrayList<>());
        private volatile CountDownLatch gate = new CountDownLatch(0);
        private volatile boolean failNext;

        void hold() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        void failNext() {
            failNext = true;
        }

        List<ProjectionBatch> written() {
            return List.copyOf(written);
        }

        /** The newest row state of each batch stored, in the order stored. */
        List<SourcePosition> newestPositions() {
            return List.copyOf(newest);
        }

        @Override
        public Set<DocumentRef> write(ProjectionBatch batch) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the test held the write", e);
            }
            if (failNext) {
                failNext = false;
                throw new IllegalStateException("the store refused the batch");
            }
            written.add(batch);
            SourcePosition position = SourcePosition.ZERO;
            for (RowState state : batch.stateChanges().written()) {
                position = SourcePosition.max(position, state.position());
            }
            newest.add(position);
            return Set.of();
        }

        @Override
        public void noteDocumentHorizon(SourcePosition position) {
            // Noted before each batch's documents: the newest position of the batch about to be written.
        }

        @Override
        public void replaceCollection(String source, String target) {
            throw new UnsupportedOperationException("these tests run no rebuild");
        }

        @Override
        public int reconcile(ProjectionDefinition projection, Map<Object, Map<String, Object>> documents, DocumentMeta meta) {
            throw new UnsupportedOperationException("these tests take no snapshot");
        }

        @Override
        public void dropCollection(String name) {
            throw new UnsupportedOperationException("these tests run no rebuild");
        }
    }
}
