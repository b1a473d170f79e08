package dev.monobridge.projector.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * The projector's entry point: changes in, durable document writes out. Capture adapters call
 * {@link #accept(List)} with each batch, and commit the source offsets of that batch only after it
 * returns; or hand their batches to a {@link ProjectorPipeline}, which projects batch N+1 while batch N
 * is being written, and commit offsets as it acknowledges them.
 *
 * <p>Each batch is projected under the projector's lock and its store operations are handed, still
 * under the lock, to the {@link WriteStage}, which runs them in that order: a batch's document writes
 * are differences from what the batches before it wrote. Every other store operation (a rebuild's
 * rewrite and swap, a snapshot's reconciliation) goes through the same stage, so MongoDB sees all of
 * them in the order the states moved. The stage never takes the projector's lock.
 *
 * <p>Thread-safe: the capture (or the pipeline's thread) feeds it, and a timer {@link #advanceTime()
 * advances} its time. A batch that fails to store leaves it unusable (every later call throws), because
 * its remembered states have moved ahead of storage; re-open it from storage.
 */
public final class Projector implements ChangeSink {

    private static final Logger LOG = LoggerFactory.getLogger(Projector.class);

    private final BatchProjector batchProjector;
    private final RowStateStore states;
    private final ProjectionStore store;
    private final Clock clock;
    private final Duration markerGrace;
    private final ProjectorStats stats;
    private final SchemaWatch schemaWatch;
    /** Set by the projecting side or by the write stage, read by both. */
    private volatile boolean failed;
    private SourcePosition lastPosition = SourcePosition.ZERO;
    /** The newest position the store has been told its documents may reach; the write stage's alone. */
    private SourcePosition notedHorizon;
    /** Where store operations run; guarded by {@code this}. */
    private WriteStage writes = WriteStage.INLINE;
    /**
     * Documents whose writes the store's position guards refused, found by the write stage and applied
     * under the lock before the next batch is projected (the stage never takes the lock).
     */
    private final Queue<DocumentRef> refused = new ConcurrentLinkedQueue<>();

    /** How far the projection time may lag the clock; retention takes effect within this. */
    static final Duration TIME_STEP = Duration.ofSeconds(1);

    /** A projector whose projection time starts now. */
    public Projector(ProjectionPlan plan, RowStateStore states, ProjectionStore store, Clock clock, Duration markerGrace,
                     ProjectorStats stats) {
        this(plan, states, store, clock, markerGrace, stats, clock.instant(), SourcePosition.ZERO);
    }

    /**
     * @param asOf            the projection time the stored documents were rendered at, as last made durable
     * @param documentHorizon the newest position the stored documents may reflect, as last noted
     *                        ({@link ProjectionStore#noteDocumentHorizon}); the states may lag it after a crash
     */
    public Projector(ProjectionPlan plan, RowStateStore states, ProjectionStore store, Clock clock, Duration markerGrace,
                     ProjectorStats stats, Instant asOf, SourcePosition documentHorizon) {
        this(plan, states, store, clock, markerGrace, stats, asOf, documentHorizon, 0);
    }

    /**
     * As {@link #Projector(ProjectionPlan, RowStateStore, ProjectionStore, Clock, Duration, ProjectorStats, Instant,
     * SourcePosition)}, with each batch's trail ({@link TrailEntry}) of at most {@code trailLength} entries per
     * document and per row handed to the store with the batch; 0 for no trail.
     */
    public Projector(ProjectionPlan plan, RowStateStore states, ProjectionStore store, Clock clock, Duration markerGrace,
                     ProjectorStats stats, Instant asOf, SourcePosition documentHorizon, int trailLength) {
        this.batchProjector = new BatchProjector(plan, states, clock, asOf, documentHorizon, trailLength);
        this.notedHorizon = documentHorizon;
        this.states = states;
        this.store = store;
        this.clock = clock;
        this.markerGrace = markerGrace;
        this.stats = stats;
        this.schemaWatch = new SchemaWatch(stats.conditions());
    }

    /** Projects a batch and returns once its writes are acknowledged. */
    public synchronized void accept(List<Change> changes) {
        accept(changes, List.of());
    }

    /**
     * Projects a batch and returns once its writes are acknowledged, together with dead letters for
     * input the capture side could not read, so that those are as durable as the batch around them.
     */
    @Override
    public synchronized void accept(List<Change> changes, List<DeadLetter> unreadable) {
        accept(changes, unreadable, true);
    }

    /**
     * Projects a rebuild's snapshot reads (and its deletes of rows the snapshot lacks), as {@link #accept},
     * except that their document writes are not guarded by their tables' positions. A rebuild reads the
     * source at one position while the stream goes on: its reads are not in the order of their tables'
     * changes, and a read older than a live change of another row of the same document and table would be
     * refused, although the states it is rendered from are the newest. Rebuilds run in one task with one
     * partition only, so no other writer shares these documents (docs/connect-sink.md, "Position guards").
     */
    public synchronized void acceptRebuildReads(List<Change> reads) {
        accept(reads, List.of(), false);
    }

    private void accept(List<Change> changes, List<DeadLetter> unreadable, boolean guardedByTables) {
        Projected projected = project(changes, unreadable, guardedByTables);
        writes.call(() -> {
            store(projected);
            return null;
        });
        applyRefused();
    }

    /**
     * Projects a batch and hands its store operations to the write stage, returning once the stage has
     * taken them (blocking while it is full), before they are stored; the acknowledgement is told later,
     * on the stage's thread. For {@link ProjectorPipeline}.
     */
    synchronized void submit(List<Change> changes, List<DeadLetter> unreadable, Acknowledgement acknowledgement)
            throws InterruptedException {
        Projected projected = project(changes, unreadable, true);
        try {
            writes.submit(() -> store(projected), acknowledgement);
        } catch (InterruptedException e) {
            // Its states have moved and its writes will never be stored: as after a failed write.
            failed = true;
            throw e;
        }
    }

    /**
     * From now on, store operations run on this stage. The pipeline installs its writer, and at its close
     * {@link WriteStage#INLINE} again, each time once the stage before has nothing left to run.
     */
    synchronized void useWriteStage(WriteStage next) {
        writes = next;
    }

    /** The projecting half of a batch: the states move, and the writes that follow from it are computed. */
    private Projected project(List<Change> changes, List<DeadLetter> unreadable, boolean guardedByTables) {
        if (failed) {
            // The remembered states moved ahead of what was stored when the failed batch was projected:
            // offered again, its changes would look stale and be dropped. Only a projector re-opened
            // from storage may go on.
            throw new IllegalStateException("an earlier batch failed to store; re-open the projector to reload its state");
        }
        try {
            applyRefused();
            Instant now = clock.instant();
            // Expired markers leave with this batch's state changes, so their removal is durable too.
            int expired = states.expireMarkers(now.minus(markerGrace));
            // Time advances in steps: each step scans the rows under a retention rule.
            Instant asOf = Duration.between(batchProjector.asOf(), now).compareTo(TIME_STEP) >= 0 ? now : batchProjector.asOf();
            List<DeadLetter> deadLetters = new ArrayList<>(unreadable);
            List<Change> projectable = schemaWatch.check(changes, batchProjector.plan(), deadLetters);
            ProjectionBatch projected = batchProjector.project(projectable, asOf, guardedByTables);
            ProjectionBatch batch = deadLetters.isEmpty() ? projected : projected.withDeadLetters(deadLetters);
            SourcePosition newest = Change.newest(changes);
            lastPosition = SourcePosition.max(lastPosition, newest);
            // Rendered now, from the states as this batch leaves them; compared once its writes are stored.
            List<Reconciliation> reconciliations = endsWholeSnapshot(changes) ? reconciliations() : List.of();
            return new Projected(batch, newest, expired, lastCommitTime(changes), reconciliations);
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** The storing half of a batch, on the write stage: documents, then states, then (after a snapshot) reconciliation. */
    private void store(Projected projected) {
        try {
            noteHorizon(projected.batch(), projected.newest());
            refused.addAll(store.write(projected.batch()));
            for (Reconciliation reconciliation : projected.reconciliations()) {
                reconcile(reconciliation);
            }
            stats.record(projected.batch(), projected.expired(), projected.lastCommit(), clock.instant());
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /** Under the lock: the documents the write stage found refused are written whole when next touched. */
    private void applyRefused() {
        List<DocumentRef> documents = new ArrayList<>();
        for (DocumentRef document = refused.poll(); document != null; document = refused.poll()) {
            documents.add(document);
        }
        batchProjector.rejected(documents);
    }

    /**
     * Moves the projection time to now when no changes arrive, so that entries whose retention ran
     * out leave their documents on time even on a quiet source. Returns once the write stage has the
     * batch: at once stored when it writes inline; with a pipeline, without waiting for the batches ahead
     * of it, which would hold up the next batch's projection every second. A failure to store it fails the
     * pipeline as any batch's would, and the projector refuses the next call.
     */
    public synchronized void advanceTime() {
        Projected projected = project(List.of(), List.of(), true);
        boolean interrupted = false;
        while (true) {
            try {
                writes.submit(() -> store(projected), TIME_STEP_STORED);
                break;
            } catch (InterruptedException e) {
                // Its states have moved: the batch must be handed over, as a synchronous write would see it through.
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Nobody waits for a time step's batch; its failure is said here, and the projector refuses what follows. */
    private static final Acknowledgement TIME_STEP_STORED = new Acknowledgement() {
        @Override
        public void acknowledged() {
        }

        @Override
        public void failed(RuntimeException cause) {
            LOG.error("Storing the batch that advanced the projection time failed: {}", cause.getMessage(), cause);
        }
    };

    /** The projection time the documents are rendered at. */
    public synchronized Instant asOf() {
        return batchProjector.asOf();
    }

    /**
     * Before any document of the batch is written, the store learns how far its documents may then get,
     * so that a projector re-opened after a crash between documents and states knows which replayed
     * changes may already be in them. Once per batch that writes documents; nothing for the others.
     */
    private void noteHorizon(ProjectionBatch batch, SourcePosition newest) {
        if (!batch.writes().isEmpty() && newest.isAfter(notedHorizon)) {
            store.noteDocumentHorizon(newest);
            notedHorizon = newest;
        }
    }

    private static boolean endsWholeSnapshot(List<Change> changes) {
        return changes.stream().anyMatch(c -> c.op() == Op.SNAPSHOT_END && Op.ALL_TABLES.equals(c.table()));
    }

    /**
     * After a whole snapshot, every collection must hold exactly what the states give. Documents are
     * written before the states that produced them, so a crash in between can leave a document whose
     * rows the states never remembered; if those rows are deleted before the snapshot is taken again,
     * no change will ever name them. Only the end of a snapshot can see such documents, by comparing.
     * The documents are rendered here, under the lock, as the snapshot's end leaves the states; the
     * comparison runs on the write stage after the batch's writes, before any later batch's.
     */
    private List<Reconciliation> reconciliations() {
        List<Reconciliation> reconciliations = new ArrayList<>();
        for (ProjectionDefinition projection : batchProjector.plan().projections()) {
            reconciliations.add(new Reconciliation(projection, batchProjector.renderAll(projection),
                    new DocumentMeta(projection.name(), projection.version(), lastPosition, null)));
        }
        return reconciliations;
    }

    private void reconcile(Reconciliation reconciliation) {
        ProjectionDefinition projection = reconciliation.projection();
        int fixed = store.reconcile(projection, reconciliation.documents(), reconciliation.meta());
        if (fixed > 0) {
            LOG.warn("After the snapshot, {} documents of {} differed from the source and were rewritten or removed",
                    fixed, projection.name());
        }
    }

    /** The live projection of that name, or {@code null}. */
    public synchronized ProjectionDefinition projection(String name) {
        return batchProjector.plan().projection(name);
    }

    public synchronized List<ProjectionDefinition> projections() {
        return batchProjector.plan().projections();
    }

    // ---- Rebuilds. A rebuild (see dev.monobridge.projector.rebuild) drives these steps in order;
    // ---- each runs under the projector's lock, between live batches, so the live stream goes on.

    /**
     * The newest source position this projector has applied. A rebuild notes it just before opening its
     * snapshot, so that the source adapter can place the snapshot's rows after it.
     */
    public synchronized SourcePosition lastPosition() {
        return lastPosition;
    }

    /** The columns of a table that some projection (or a rebuild in progress) reads. */
    public synchronized Set<String> columnsRemembered(String table) {
        return batchProjector.plan().columnsRead(table);
    }

    /** Starts remembering what the definition reads, so that the snapshot and the live stream keep it. */
    public synchronized void prepare(ProjectionDefinition definition) {
        batchProjector.usePlan(batchProjector.plan().preparing(definition));
    }

    /** Live rows of the table not seen by a snapshot and older than it: deleted while nobody looked. */
    public synchronized List<RowKey> unseenRows(String table, Set<RowKey> seen, SourcePosition snapshot) {
        return batchProjector.unseenRows(table, seen, snapshot);
    }

    /** Starts writing the shadow definition's documents, whole, along with the live ones. */
    public synchronized void startShadow(ProjectionDefinition shadow) {
        batchProjector.usePlan(batchProjector.plan().withShadow(shadow));
    }

    /** The roots of a projection, as the states know them. */
    public synchronized List<RowKey> rootKeys(ProjectionDefinition projection) {
        return batchProjector.rootKeys(projection);
    }

    /** Writes the whole documents of these roots, as the states give them now. */
    public synchronized int rewrite(ProjectionDefinition projection, List<RowKey> roots) {
        refuseIfFailed("rewrite documents of " + projection.name());
        applyRefused();
        ProjectionBatch batch = batchProjector.rewrite(projection, roots, lastPosition);
        writes.call(() -> refused.addAll(store.write(batch)));
        applyRefused();
        return batch.writes().size();
    }

    /** Ends a rebuild: the shadow becomes the live collection, atomically, and its definition the live one. */
    public synchronized void swap(ProjectionDefinition shadow, ProjectionDefinition replacement) {
        // A rebuild's shadow must never replace the live collection once a live batch failed: a projector
        // re-opened from storage (a Kafka Connect task's, after a retriable failure) writes the live batches
        // since then into the live collection only, and the swap would throw them away.
        refuseIfFailed("swap " + shadow.collection() + " in");
        // After every write to the shadow handed to the write stage before: they all land in it.
        writes.call(() -> {
            store.replaceCollection(shadow.collection(), replacement.collection());
            return null;
        });
        batchProjector.usePlan(batchProjector.plan().withoutShadow(shadow, replacement).replacing(replacement));
    }

    /** Abandons a rebuild: the live projection is as it was, and the shadow is dropped. */
    public synchronized void abandon(ProjectionDefinition shadow, ProjectionDefinition prepared) {
        batchProjector.usePlan(batchProjector.plan().withoutShadow(shadow, prepared));
        // After the shadow's last writes already handed to the write stage; no later batch writes it.
        writes.call(() -> {
            store.dropCollection(shadow.collection());
            return null;
        });
    }

    private void refuseIfFailed(String what) {
        if (failed) {
            throw new IllegalStateException("cannot " + what + ": an earlier batch failed to store; re-open the projector to reload its state");
        }
    }

    private static Instant lastCommitTime(List<Change> changes) {
        return changes.isEmpty() ? null : changes.get(changes.size() - 1).commitTime();
    }

    /**
     * A batch projected and not yet stored: its writes, its newest position (for the document horizon),
     * the markers it expired and its last commit time (for the stats), and, at a whole snapshot's end,
     * the collections' reconciliations.
     */
    private record Projected(ProjectionBatch batch, SourcePosition newest, int expired, Instant lastCommit,
                             List<Reconciliation> reconciliations) {
    }

    /** What one projection's collection must hold after a whole snapshot, by document id. */
    private record Reconciliation(ProjectionDefinition projection, Map<Object, Map<String, Object>> documents, DocumentMeta meta) {
    }
}
