package dev.monobridge.projector.core;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.Retention;

/**
 * Turns a batch of changes into document writes. Pure: no I/O of its own, only the remembered
 * {@link RowStateStore row states}.
 *
 * <p>How it works. Every document is a function of the remembered row states and of a moment, the
 * projection time {@code asOf} (retention rules depend on it). For each change, the projector finds
 * the documents the row was in before the change and will be in after it (walking up parent keys
 * through the states, so a grandchild that carries only its parent's key still finds its root),
 * renders each such document once as it was before the batch, then applies the change to the states.
 * At the end of the batch it renders each touched document again and sends only the difference.
 * Several changes to one document in a batch therefore cost one write.
 *
 * <p>Time moves in steps: a batch may advance {@code asOf}, and then every document holding a row whose
 * retention ran out in between is touched too, so that expired entries leave even when no change
 * arrives for them.
 *
 * <p>Each row state carries the source position of the last change applied to it; a change at or
 * before that position is a duplicate or stale and changes nothing, which makes replays harmless.
 *
 * <p>Documents are made durable before the states that produced them, so after a crash in between the
 * documents may be ahead of the states up to a known position, the {@code documentHorizon}. A document
 * touched by a change at or before it is not known to hold what the states say it held: it is written
 * whole, or deleted, never as a difference. Otherwise a document created in the lost batch and ended in
 * its replay would stay forever, and a value changed there and changed back would keep the change.
 *
 * <p>Each document write carries, per source table whose changes made it, the newest such position
 * ({@link DocumentMeta#tables()}), and a store several projectors write applies it only where the
 * stored document holds nothing newer for those tables (P10). A write the store refused that way means
 * another writer put there what these states do not describe: the document is written whole the next
 * time it is touched ({@link #rejected}), as after a crash.
 */
public final class BatchProjector {

    /**
     * Documents rendered per bulk read of their rows when every document of a projection is rendered:
     * enough that the reads cost few round trips, few enough that a chunk's rows fit a bounded cache.
     */
    private static final int RENDER_CHUNK = 500;

    private ProjectionPlan plan;
    private final RowStateStore states;
    private final DocumentRenderer renderer;
    private final StatePrefetch prefetch;
    private final Clock clock;
    private final SourcePosition documentHorizon;
    /** Trail entries kept per document and per row in a batch ({@link TrailEntry}); 0 when tracing is off. */
    private final int trailLength;
    /** Documents whose last write the store's position guards refused: MongoDB holds another writer's version. */
    private final Set<DocumentRef> writeWhole = new HashSet<>();
    private Instant asOf;

    /** A projector whose projection time starts at the clock's current time, with documents no further than its states. */
    public BatchProjector(ProjectionPlan plan, RowStateStore states, Clock clock) {
        this(plan, states, clock, clock.instant(), SourcePosition.ZERO);
    }

    /**
     * @param asOf            the projection time the stored documents were rendered at
     * @param documentHorizon the newest position the stored documents may reflect beyond the states
     *                        ({@link SourcePosition#ZERO} when they reflect nothing the states lack)
     */
    public BatchProjector(ProjectionPlan plan, RowStateStore states, Clock clock, Instant asOf, SourcePosition documentHorizon) {
        this(plan, states, clock, asOf, documentHorizon, 0);
    }

    /**
     * As {@link #BatchProjector(ProjectionPlan, RowStateStore, Clock, Instant, SourcePosition)}, with each batch
     * saying what its changes did, in at most {@code trailLength} entries per document and per row
     * ({@link ProjectionBatch#trail()}); 0 for no trail.
     */
    public BatchProjector(ProjectionPlan plan, RowStateStore states, Clock clock, Instant asOf, SourcePosition documentHorizon,
                          int trailLength) {
        if (trailLength < 0) {
            throw new IllegalArgumentException("a trail's length is 0 (off) or more, not " + trailLength);
        }
        this.trailLength = trailLength;
        this.plan = plan;
        this.states = states;
        this.renderer = new DocumentRenderer(states);
        this.prefetch = new StatePrefetch(states);
        this.clock = clock;
        this.asOf = asOf;
        this.documentHorizon = documentHorizon;
    }

    /** Projects a batch at the current projection time. */
    public ProjectionBatch project(List<Change> changes) {
        return project(changes, asOf);
    }

    /** Projects a batch, first moving the projection time forward to {@code newAsOf} (never back). */
    public ProjectionBatch project(List<Change> changes, Instant newAsOf) {
        return project(changes, newAsOf, true);
    }

    /**
     * As {@link #project(List, Instant)}; without {@code guardedByTables} the batch's document writes carry
     * no table positions, as a rebuild's reads must not ({@link Projector#acceptRebuildReads}).
     */
    public ProjectionBatch project(List<Change> changes, Instant newAsOf, boolean guardedByTables) {
        Instant after = newAsOf.isAfter(asOf) ? newAsOf : asOf;
        Batch batch = new Batch(asOf, after, clock.instant(), guardedByTables);
        // What earlier batches read need not stay in memory; what this one reads is asked for up front.
        states.trim();
        if (after.isAfter(asOf)) {
            batch.expireRetainedRows();
        }
        prefetch.forChanges(plan, changes);
        for (Change change : changes) {
            try {
                batch.apply(change);
            } catch (UnprojectableException e) {
                batch.deadLetters.add(DeadLetter.unprojectable(change, e.getMessage()));
                batch.traceRow(change, TrailEntry.Outcome.DEAD_LETTER);
            } catch (StateReadException e) {
                throw e;
            } catch (RuntimeException e) {
                // One bad change must not stop the stream; it is recorded with its reason instead.
                batch.deadLetters.add(DeadLetter.unprojectable(change, "cannot project: " + e));
                batch.traceRow(change, TrailEntry.Outcome.DEAD_LETTER);
            }
        }
        asOf = after;
        return batch.finish();
    }

    public Instant asOf() {
        return asOf;
    }

    /**
     * The store refused these documents' writes: it holds a newer version, from another writer (a
     * zombie's successor, or a task that got ahead). What these states say the documents hold is not
     * what MongoDB holds, so each is written whole (or deleted) the next time a change touches it, from
     * states read again: some of what this projector read may be older than what the other wrote.
     */
    public void rejected(Collection<DocumentRef> documents) {
        if (!documents.isEmpty()) {
            writeWhole.addAll(documents);
            states.forgetReads();
        }
    }

    public ProjectionPlan plan() {
        return plan;
    }

    /** Moves to another plan (a rebuild preparing, starting its shadow, or swapping). */
    public void usePlan(ProjectionPlan next) {
        next.parentKeyColumns().forEach((table, columns) -> columns.forEach(column -> states.ensureIndex(table, column)));
        this.plan = next;
    }

    /**
     * The whole documents of some roots, as the states give them now: what a rebuild writes into its
     * shadow, and what repairs a single document. A root with no document gives a delete.
     */
    public ProjectionBatch rewrite(ProjectionDefinition projection, List<RowKey> rootKeys, SourcePosition position) {
        List<DocumentWrite> writes = new ArrayList<>();
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<DocumentRef> refs = rootKeys.stream().map(key -> new DocumentRef(projection, normalizedKey(key))).toList();
        // A rebuild rewrites its shadow a chunk of roots at a time: what the last chunk read may go.
        states.trim();
        prefetch.forDocuments(refs);
        for (DocumentRef ref : refs) {
            DocumentRenderer.Rendering rendering = renderer.render(ref, asOf);
            if (!rendering.fits()) {
                deadLetters.add(overBudget(ref, rendering, position));
            } else if (rendering.exists()) {
                writes.add(new DocumentWrite.Replace(ref, rendering.content(),
                        new DocumentMeta(projection.name(), projection.version(), position, null)));
            } else {
                writes.add(new DocumentWrite.Delete(ref));
            }
        }
        return new ProjectionBatch(writes, states.takeChanges(), deadLetters,
                new ProjectionBatch.Counts(0, 0, 0, 0, 0, 0), asOf);
    }

    /**
     * Every document of the projection, as the states give them now, by document id: what a snapshot's
     * end reconciles the stored collection with. Documents over their byte budget are left out.
     */
    public Map<Object, Map<String, Object>> renderAll(ProjectionDefinition projection) {
        Map<Object, Map<String, Object>> documents = new LinkedHashMap<>();
        List<RowKey> roots = rootKeys(projection);
        for (int from = 0; from < roots.size(); from += RENDER_CHUNK) {
            states.trim();
            List<DocumentRef> refs = roots.subList(from, Math.min(roots.size(), from + RENDER_CHUNK)).stream()
                    .map(key -> new DocumentRef(projection, key)).toList();
            prefetch.forDocuments(refs);
            for (DocumentRef ref : refs) {
                DocumentRenderer.Rendering rendering = renderer.render(ref, asOf);
                if (rendering.exists()) {
                    documents.put(ref.documentId(), rendering.content());
                }
            }
        }
        return documents;
    }

    /** The keys of the live rows of the projection's root table. */
    public List<RowKey> rootKeys(ProjectionDefinition projection) {
        return states.liveKeys(projection.root().table());
    }

    /** Live rows of the table not among {@code seen} whose last change is older than {@code before}. */
    public List<RowKey> unseenRows(String table, Set<RowKey> seen, SourcePosition before) {
        List<RowKey> unseen = new ArrayList<>();
        for (RowKey key : states.liveKeysBefore(table, before)) {
            if (!seen.contains(key)) {
                unseen.add(key);
            }
        }
        return unseen;
    }

    private static DeadLetter overBudget(DocumentRef ref, DocumentRenderer.Rendering rendering, SourcePosition position) {
        return DeadLetter.overBudget(ref, position,
                "document needs " + rendering.bytes() + " bytes even with every list emptied, over max-bytes "
                        + ref.projection().maxBytes() + "; the last good version is kept");
    }

    /** The work of one batch: the documents touched, as they were before it, and its counts. */
    private final class Batch {
        private final Instant before;
        private final Instant after;
        private final Instant now;
        private final Map<DocumentRef, Touched> touched = new LinkedHashMap<>();
        private final List<DeadLetter> deadLetters = new ArrayList<>();
        private int applied;
        private int unchanged;
        private int stale;
        private int unprojected;
        private int count;
        private int trimmed;
        private final boolean guardedByTables;
        private final TrailRecorder trail = new TrailRecorder(trailLength, ref -> !plan.isShadow(ref.projection()));
        /** The newest position among the batch's changes: how far the bridge has read, for the trail. */
        private SourcePosition newest = SourcePosition.ZERO;
        /** Documents whose new version was over its byte budget: a dead letter, and the last good version kept. */
        private final Set<DocumentRef> overBudget = new HashSet<>();

        Batch(Instant before, Instant after, Instant now, boolean guardedByTables) {
            this.before = before;
            this.after = after;
            this.now = now;
            this.guardedByTables = guardedByTables;
        }

        /** Touches every document holding a row whose retention ends in (before, after]. */
        void expireRetainedRows() {
            List<Expiring> expiring = new ArrayList<>();
            for (String table : plan.tables()) {
                for (ProjectionPlan.Placement placement : plan.placements(table)) {
                    if (placement.node().retention().isEmpty()) {
                        continue;
                    }
                    Retention retention = placement.node().retention().get();
                    // Only rows whose moment lies a keep before the step can expire in it; the store
                    // finds those without a scan of the table, and the exact test is the retention's own.
                    for (RowState row : states.liveRowsWithin(table, retention.column(),
                            minusSaturating(before, retention.keep()), minusSaturating(after, retention.keep()))) {
                        retention.expiry(row.values())
                                .filter(expiry -> expiry.isAfter(before) && !expiry.isAfter(after))
                                .ifPresent(expiry -> expiring.add(new Expiring(placement, row)));
                    }
                }
            }
            prefetch.forRows(plan, expiring.stream().map(Expiring::row).toList());
            // No table guards the write: the passing of time, not a change, makes it.
            expiring.forEach(e -> touch(rootOf(e.placement(), e.row()), e.row().position(), null, false, null));
        }

        void apply(Change change) {
            count++;
            newest = SourcePosition.max(newest, change.position());
            if (change.op() == Op.SNAPSHOT_END) {
                // Every row the snapshot read sits at its position; older ones it did not see are gone.
                for (String table : Op.ALL_TABLES.equals(change.table()) ? plan.tables() : Set.of(change.table())) {
                    removeRowsOlderThan(table, change);
                }
                return;
            }
            if (!plan.writes(change.table())) {
                unprojected++;
                return;
            }
            if (!change.position().isAfter(states.truncatedAt(change.table()))) {
                // The table was truncated after this change: whatever row it names is gone, even one
                // the truncate never saw (an older insert arriving late, from another partition).
                stale++;
                traceRow(change, TrailEntry.Outcome.STALE);
                return;
            }
            if (change.op() == Op.TRUNCATE) {
                states.markTruncated(change.table(), change.position());
                removeRowsOlderThan(change.table(), change);
                return;
            }
            applyToRow(new RowId(change.table(), normalizedKey(change.key())), change.after(), change);
        }

        /** Deletes the table's live rows older than the change; newer ones arrived after it and stay. */
        private void removeRowsOlderThan(String table, Change change) {
            List<RowId> older = states.liveKeysBefore(table, change.position()).stream().map(key -> new RowId(table, key)).toList();
            states.preload(older);
            List<RowState> rows = new ArrayList<>(older.size());
            older.forEach(id -> rows.add(states.get(id)));
            prefetch.forRows(plan, rows.stream().filter(java.util.Objects::nonNull).toList());
            for (RowId id : older) {
                applyToRow(id, null, change);
            }
        }

        private void applyToRow(RowId id, Map<String, Object> values, Change change) {
            RowState previous = states.get(id);
            if (previous != null && !change.position().isAfter(previous.position())) {
                stale++;
                traceQuiet(id, previous, change, TrailEntry.Outcome.STALE);
                return;
            }
            RowState next = values == null
                    ? RowState.deleteMarker(id, change.position(), now)
                    : RowState.live(id, remembered(id.table(), previous, values), change.position(), now);
            if (next.isLive() && previous != null && previous.isLive() && Values.same(previous.values(), next.values())) {
                // Nothing any projection reads has changed (an unread column moved, or a snapshot re-read
                // the row): the documents stay as they are, and the stored state too. Only the position
                // moves on, in memory, so that the end of a snapshot knows this row was read.
                states.advance(id, change.position());
                unchanged++;
                traceQuiet(id, previous, change, TrailEntry.Outcome.FILTERED);
                return;
            }
            // Routing reads the parents' states, which this change does not touch, so both the old
            // and the new placement can be found before the state changes.
            boolean maybeStored = !change.position().isAfter(documentHorizon);
            List<DocumentRef> reached = new ArrayList<>(2);
            List<DocumentRef> in = new ArrayList<>(1);
            for (ProjectionPlan.Placement placement : plan.placements(id.table())) {
                String guard = guardedByTables ? id.table() : null;
                DocumentRef was = rootOf(placement, previous);
                DocumentRef is = rootOf(placement, next);
                touch(was, change.position(), change.commitTime(), maybeStored, guard);
                touch(is, change.position(), change.commitTime(), maybeStored, guard);
                for (DocumentRef ref : java.util.Arrays.asList(was, is)) {
                    if (ref != null && !reached.contains(ref)) {
                        reached.add(ref);
                        trail.reached(ref, id, change);
                    }
                }
                if (is != null && !in.contains(is)) {
                    in.add(is);
                }
            }
            List<DocumentRef> showing = showing(id, previous, next);
            // A referenced row may be shown in many documents: their rows are asked for in a few bulk reads
            // per level, not one read per document as each is rendered.
            prefetch.forDocuments(showing.stream().filter(ref -> !touched.containsKey(ref)).toList());
            for (DocumentRef ref : showing) {
                touch(ref, change.position(), change.commitTime(), maybeStored, guardedByTables ? id.table() : null);
                if (!reached.contains(ref)) {
                    reached.add(ref);
                    trail.reached(ref, id, change);
                }
                if (!in.contains(ref)) {
                    in.add(ref);
                }
            }
            trail.applied(id, change, reached, in);
            states.put(next);
            applied++;
        }

        /** A change that left its row, and so every document, as it was: said in the row's and the documents' trails. */
        private void traceQuiet(RowId id, RowState row, Change change, TrailEntry.Outcome outcome) {
            List<DocumentRef> in = documentsOf(row);
            in.forEach(ref -> trail.quiet(ref, id, change, outcome));
            trail.row(id, change, outcome, in);
        }

        /** A change that names a row but reached no row state (stale by a truncate, or a dead letter). */
        void traceRow(Change change, TrailEntry.Outcome outcome) {
            if (change.key() != null) {
                trail.row(new RowId(change.table(), normalizedKey(change.key())), change, outcome, List.of());
            }
        }

        /** The documents a row is in, through each of its placements. */
        private List<DocumentRef> documentsOf(RowState row) {
            List<DocumentRef> in = new ArrayList<>(1);
            for (ProjectionPlan.Placement placement : plan.placements(row.id().table())) {
                DocumentRef ref = rootOf(placement, row);
                if (ref != null && !in.contains(ref)) {
                    in.add(ref);
                }
            }
            return in;
        }

        /**
         * The columns worth remembering, with values the source did not send carried over. A read
         * column whose value cannot be stored as it is makes the whole change a dead letter (thrown
         * before any state changes); unread columns are not looked at, whatever they hold.
         */
        private Map<String, Object> remembered(String table, RowState previous, Map<String, Object> values) {
            int depth = deepestLevel(table);
            return RememberedValues.of(plan.columnsRead(table), previous, values,
                    (name, value) -> StorableValues.check(table, name, value, depth));
        }

        /**
         * @param maybeStored whether the change may already be in the stored document although the
         *                    states do not remember it (see {@code documentHorizon})
         * @param table       the table of the changed row, whose position guards the write; {@code null}
         *                    when no change but the passing of time touches the document
         */
        private void touch(DocumentRef ref, SourcePosition position, Instant commitTime, boolean maybeStored, String table) {
            if (ref == null) {
                return;
            }
            Touched document = touched.get(ref);
            if (document == null) {
                document = new Touched(renderer.render(ref, before), position, commitTime);
                touched.put(ref, document);
            } else {
                document.advance(position, commitTime);
            }
            document.maybeAhead |= maybeStored || writeWhole.contains(ref);
            if (table != null) {
                document.tables.merge(table, position, SourcePosition::max);
            }
        }

        ProjectionBatch finish() {
            // The documents as they are now may reach rows the batch's start did not: a root or a parent
            // the batch created brings in its children.
            prefetch.forDocuments(touched.keySet());
            List<DocumentWrite> writes = new ArrayList<>();
            Map<DocumentRef, DocumentWrite> byDocument = new java.util.HashMap<>();
            touched.forEach((ref, document) -> {
                DocumentWrite write = write(ref, document);
                if (write != null) {
                    writes.add(write);
                    byDocument.put(ref, write);
                    writeWhole.remove(ref);
                }
            });
            return new ProjectionBatch(writes, states.takeChanges(), deadLetters,
                    new ProjectionBatch.Counts(count, applied, unchanged, stale, unprojected, trimmed), after,
                    trail.finish(byDocument, overBudget, newest));
        }

        private DocumentWrite write(DocumentRef ref, Touched document) {
            DocumentRenderer.Rendering now = renderer.render(ref, after);
            if (!now.fits()) {
                deadLetters.add(overBudget(ref, now, document.position));
                overBudget.add(ref);
                return null;
            }
            trimmed += now.trimmed();
            Map<String, Object> was = document.before.content();
            // What MongoDB holds is not known when the document was over budget before (its last good
            // version was kept), when it is in a shadow being filled, when it may be ahead of the
            // states after a crash, or when another writer's version refused the last write: then it
            // is written whole.
            boolean unknown = !document.before.fits() || plan.isShadow(ref.projection()) || document.maybeAhead;
            if (!now.exists()) {
                return was == null && !unknown ? null : new DocumentWrite.Delete(ref, document.tables);
            }
            DocumentMeta meta = new DocumentMeta(ref.projection().name(), ref.projection().version(),
                    document.position, document.commitTime, document.tables);
            if (was == null || unknown) {
                return new DocumentWrite.Replace(ref, now.content(), meta);
            }
            DocumentDiff diff = DocumentDiff.between(ref.projection().root(), was, now.content());
            return diff.isEmpty() ? null : new DocumentWrite.Update(ref, diff.sets(), diff.unsets(), meta);
        }
    }

    /**
     * The document a row belongs to through one placement, or {@code null} when it belongs to none
     * (a delete marker, a row without a parent key, or a row whose parent is not known yet: when the
     * parent arrives, its own change brings the row in).
     */
    private DocumentRef rootOf(ProjectionPlan.Placement placement, RowState row) {
        if (row == null || !row.isLive()) {
            return null;
        }
        NodeDefinition node = placement.node();
        if (placement.parent() == null) {
            return new DocumentRef(placement.projection(), row.key());
        }
        Object parentKey = row.values().get(node.parentKey());
        if (parentKey == null) {
            return null;
        }
        NodeDefinition parentNode = placement.parent().node();
        RowKey parent = RowKey.of(parentNode.key(), parentKey);
        if (placement.parent().parent() == null) {
            // The parent is the root: the document is known by key even before the root row arrives.
            return new DocumentRef(placement.projection(), parent);
        }
        return rootOf(placement.parent(), states.get(new RowId(parentNode.table(), parent)));
    }

    /**
     * The documents that show the row (as it was, and as it will be) other than through its own
     * placements: those whose entries look it up, found by the remembered rows whose via column holds its
     * key (the reverse index), and those whose figures count it, through its parent. Routing reads only
     * other tables' states, which the change does not touch, so it is found before the state changes.
     */
    private List<DocumentRef> showing(RowId id, RowState previous, RowState next) {
        List<DocumentRef> documents = new ArrayList<>();
        for (ProjectionPlan.LookupPlacement placement : plan.lookups(id.table())) {
            Object key = referencedKey(placement.lookup().key(), id, previous, next);
            if (key == null) {
                continue;
            }
            ProjectionPlan.Placement owner = placement.owner();
            for (RowState row : states.children(owner.node().table(), placement.lookup().via(), key)) {
                addOnce(documents, rootOf(owner, row));
            }
        }
        for (ProjectionPlan.AggregatePlacement placement : plan.aggregates(id.table())) {
            for (RowState row : java.util.Arrays.asList(previous, next)) {
                if (row != null && row.isLive()) {
                    addOnce(documents, documentOfParent(placement.owner(), row.values().get(placement.aggregate().parentKey())));
                }
            }
        }
        return documents;
    }

    /** The referenced row's key value: from its primary key, or, for a lookup by another column, its values. */
    private static Object referencedKey(String column, RowId id, RowState previous, RowState next) {
        Object key = id.key().columns().get(column);
        if (key != null) {
            return key;
        }
        for (RowState row : java.util.Arrays.asList(next, previous)) {
            if (row != null && row.isLive() && row.values().get(column) != null) {
                return row.values().get(column);
            }
        }
        return null;
    }

    /** The document whose level {@code owner} holds the row with this key, or {@code null} when it is not known. */
    private DocumentRef documentOfParent(ProjectionPlan.Placement owner, Object parentKey) {
        if (parentKey == null) {
            return null;
        }
        RowKey key = RowKey.of(owner.node().key(), parentKey);
        if (owner.parent() == null) {
            return new DocumentRef(owner.projection(), key);
        }
        return rootOf(owner, states.get(new RowId(owner.node().table(), key)));
    }

    private static void addOnce(List<DocumentRef> documents, DocumentRef ref) {
        if (ref != null && !documents.contains(ref)) {
            documents.add(ref);
        }
    }

    /**
     * How deep the table's rows sit in their documents, at the deepest of their placements: 1 for a
     * root's fields, and two more per list level (the array, then the entry); a looked-up row's fields
     * one more than the level that shows them.
     */
    private int deepestLevel(String table) {
        int deepest = 1;
        for (ProjectionPlan.Placement placement : plan.placements(table)) {
            deepest = Math.max(deepest, depth(placement));
        }
        for (ProjectionPlan.LookupPlacement lookup : plan.lookups(table)) {
            deepest = Math.max(deepest, depth(lookup.owner()) + 1);
        }
        return deepest;
    }

    private static int depth(ProjectionPlan.Placement placement) {
        int depth = 1;
        for (ProjectionPlan.Placement up = placement.parent(); up != null; up = up.parent()) {
            depth += 2;
        }
        return depth;
    }

    /** {@code moment - keep}, or the start of time: a retention window reaching before it starts there. */
    private static Instant minusSaturating(Instant moment, java.time.Duration keep) {
        try {
            return moment.minus(keep);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return Instant.MIN;
        }
    }

    static RowKey normalizedKey(RowKey key) {
        Map<String, Object> columns = new LinkedHashMap<>();
        key.columns().forEach((column, value) -> columns.put(column, Values.normalize(value)));
        return new RowKey(columns);
    }

    /** A row whose retention ends within a time step, with the placement it ends in. */
    private record Expiring(ProjectionPlan.Placement placement, RowState row) {
    }

    /**
     * A document touched by the batch: its rendering before the batch, the newest change to it (no
     * commit time when only the passing of time touched it), the newest change to it per table (the
     * write's guard), and whether MongoDB may hold more of it than the states gave before the batch.
     */
    private static final class Touched {
        private final DocumentRenderer.Rendering before;
        private final Map<String, SourcePosition> tables = new LinkedHashMap<>();
        private SourcePosition position;
        private Instant commitTime;
        private boolean maybeAhead;

        Touched(DocumentRenderer.Rendering before, SourcePosition position, Instant commitTime) {
            this.before = before;
            this.position = position;
            this.commitTime = commitTime;
        }

        void advance(SourcePosition position, Instant commitTime) {
            this.position = SourcePosition.max(this.position, position);
            if (commitTime != null && (this.commitTime == null || commitTime.isAfter(this.commitTime))) {
                this.commitTime = commitTime;
            }
        }
    }
}
