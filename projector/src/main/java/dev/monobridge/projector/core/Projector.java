package dev.monobridge.projector.core;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
 * returns.
 *
 * <p>Thread-safe: the capture thread feeds it, and a timer {@link #advanceTime() advances} its time. A
 * batch that fails to store leaves it unusable (every later call throws), because its remembered
 * states have moved ahead of storage; re-open it from storage.
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
    private boolean failed;
    private SourcePosition lastPosition = SourcePosition.ZERO;
    /** The newest position the store has been told its documents may reach. */
    private SourcePosition notedHorizon;

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
        if (failed) {
            // The remembered states moved ahead of what was stored when the failed batch was projected:
            // offered again, its changes would look stale and be dropped. Only a projector re-opened
            // from storage may go on.
            throw new IllegalStateException("an earlier batch failed to store; re-open the projector to reload its state");
        }
        try {
            Instant now = clock.instant();
            // Expired markers leave with this batch's state changes, so their removal is durable too.
            int expired = states.expireMarkers(now.minus(markerGrace));
            // Time advances in steps: each step scans the rows under a retention rule.
            Instant asOf = Duration.between(batchProjector.asOf(), now).compareTo(TIME_STEP) >= 0 ? now : batchProjector.asOf();
            List<DeadLetter> deadLetters = new ArrayList<>(unreadable);
            List<Change> projectable = schemaWatch.check(changes, batchProjector.plan(), deadLetters);
            ProjectionBatch projected = batchProjector.project(projectable, asOf, guardedByTables);
            ProjectionBatch batch = deadLetters.isEmpty() ? projected : projected.withDeadLetters(deadLetters);
            SourcePosition newest = newest(changes);
            noteHorizon(batch, newest);
            batchProjector.rejected(store.write(batch));
            lastPosition = SourcePosition.max(lastPosition, newest);
            if (endsWholeSnapshot(changes)) {
                reconcile();
            }
            stats.record(batch, expired, lastCommitTime(changes), clock.instant());
        } catch (RuntimeException e) {
            failed = true;
            throw e;
        }
    }

    /**
     * Moves the projection time to now when no changes arrive, so that entries whose retention ran
     * out leave their documents on time even on a quiet source.
     */
    public void advanceTime() {
        accept(List.of(), List.of());
    }

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

    /** The newest position among the changes; {@link SourcePosition#ZERO} for none. */
    private static SourcePosition newest(List<Change> changes) {
        SourcePosition newest = SourcePosition.ZERO;
        for (Change change : changes) {
            newest = SourcePosition.max(newest, change.position());
        }
        return newest;
    }

    private static boolean endsWholeSnapshot(List<Change> changes) {
        return changes.stream().anyMatch(c -> c.op() == Op.SNAPSHOT_END && Op.ALL_TABLES.equals(c.table()));
    }

    /**
     * After a whole snapshot, makes every collection hold exactly what the states give. Documents are
     * written before the states that produced them, so a crash in between can leave a document whose
     * rows the states never remembered; if those rows are deleted before the snapshot is taken again,
     * no change will ever name them. Only the end of a snapshot can see such documents, by comparing.
     */
    private void reconcile() {
        for (ProjectionDefinition projection : batchProjector.plan().projections()) {
            int fixed = store.reconcile(projection, batchProjector.renderAll(projection),
                    new DocumentMeta(projection.name(), projection.version(), lastPosition, null));
            if (fixed > 0) {
                LOG.warn("After the snapshot, {} documents of {} differed from the source and were rewritten or removed",
                        fixed, projection.name());
            }
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
        ProjectionBatch batch = batchProjector.rewrite(projection, roots, lastPosition);
        batchProjector.rejected(store.write(batch));
        return batch.writes().size();
    }

    /** Ends a rebuild: the shadow becomes the live collection, atomically, and its definition the live one. */
    public synchronized void swap(ProjectionDefinition shadow, ProjectionDefinition replacement) {
        // A rebuild's shadow must never replace the live collection once a live batch failed: a projector
        // re-opened from storage (a Kafka Connect task's, after a retriable failure) writes the live batches
        // since then into the live collection only, and the swap would throw them away.
        refuseIfFailed("swap " + shadow.collection() + " in");
        store.replaceCollection(shadow.collection(), replacement.collection());
        batchProjector.usePlan(batchProjector.plan().withoutShadow(shadow, replacement).replacing(replacement));
    }

    /** Abandons a rebuild: the live projection is as it was, and the shadow is dropped. */
    public synchronized void abandon(ProjectionDefinition shadow, ProjectionDefinition prepared) {
        batchProjector.usePlan(batchProjector.plan().withoutShadow(shadow, prepared));
        store.dropCollection(shadow.collection());
    }

    private void refuseIfFailed(String what) {
        if (failed) {
            throw new IllegalStateException("cannot " + what + ": an earlier batch failed to store; re-open the projector to reload its state");
        }
    }

    private static Instant lastCommitTime(List<Change> changes) {
        return changes.isEmpty() ? null : changes.get(changes.size() - 1).commitTime();
    }
}
