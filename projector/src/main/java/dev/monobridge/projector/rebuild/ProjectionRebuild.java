package dev.monobridge.projector.rebuild;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.LogFields;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.definition.CollectionNames;
import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Rebuilds a projection from the source, while readers keep reading and the source keeps changing.
 *
 * <ol>
 *   <li>Note the snapshot position, before the snapshot: it orders after every change applied so far
 *       and before every change committed after the snapshot (see {@link SourceSnapshot#position()}: the
 *       source adapter derives it).</li>
 *   <li>Read the projection's tables in one repeatable-read snapshot, streaming, and apply the rows as
 *       snapshot reads at that position. Position guards keep whatever the live stream already has
 *       that is newer; rows the projector remembers but the snapshot lacks were deleted unseen, and go.</li>
 *   <li>Start the shadow collection: from now on every live change also writes its documents there,
 *       whole. It is indexed as the live collection is ({@link CollectionIndexes}) before its first
 *       write. Then write every document into it, from the remembered rows.</li>
 *   <li>Swap: the
 *       shadow replaces the live collection in one atomic rename, between two live batches. Readers see
 *       the complete old version, then the complete new one, and never an unindexed collection.</li>
 * </ol>
 * Cancelled or failed, it drops the shadow and leaves the live collection as it was. The shadow is
 * recorded in the {@link RebuildJournal} before it gets its first document and the record removed once
 * it is gone, so that a shadow a crash left behind is known by its record.
 *
 * <p>With a document key, it repairs that one document in place instead: reads its rows, applies them,
 * and writes the document whole into the live collection, touching no other.
 */
public final class ProjectionRebuild implements Runnable {

    /**
     * Rows per batch the projector applies: each batch costs the state store one bulk read of the rows'
     * states and one bulk write, so the bigger the fewer round trips; as big as the store's own bulk read
     * ({@code MongoRowStateStore}'s 2,048 keys per {@code $in}), so that a batch needs only one.
     */
    private static final int CHUNK = 2048;
    private static final int DOCUMENTS_PER_WRITE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ProjectionRebuild.class);

    private final Projector projector;
    private final SourceSnapshots snapshots;
    private final ProjectionDefinition target;
    private final RowKey documentKey;
    private final RebuildProgress progress;
    private final RebuildJournal journal;
    private final Clock clock;
    private final CollectionIndexes indexes;
    private volatile boolean cancelled;

    /**
     * @param target      the definition to rebuild with: the live one, or a newer one
     * @param documentKey the one document to repair, or {@code null} for the whole projection
     * @param indexes     creates the readers' indexes on the shadow before it is swapped in
     */
    public ProjectionRebuild(Projector projector, SourceSnapshots snapshots, ProjectionDefinition target, RowKey documentKey,
                             RebuildJournal journal, Clock clock, CollectionIndexes indexes) {
        this.indexes = indexes;
        this.projector = projector;
        this.journal = journal;
        this.snapshots = snapshots;
        this.target = target;
        this.documentKey = documentKey;
        this.clock = clock;
        this.progress = new RebuildProgress(target.name(), documentKey == null ? null : documentKey.singleValue(), clock);
    }

    public RebuildProgress progress() {
        return progress;
    }

    public ProjectionDefinition target() {
        return target;
    }

    public void cancel() {
        cancelled = true;
    }

    /** The shadow collection a rebuild of the projection fills. */
    public static String shadowCollection(String collection) {
        return CollectionNames.shadowOf(collection);
    }

    @Override
    public void run() {
        // Every line the rebuild logs names its projection (JSON logs: mdc.projection).
        try (MDC.MDCCloseable projection = MDC.putCloseable(LogFields.PROJECTION, target.name())) {
            rebuildOrRepair();
        }
    }

    private void rebuildOrRepair() {
        try {
            if (documentKey == null) {
                rebuildAll();
            } else {
                repairOne();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.error("Rebuild of {} failed", target.name(), e);
            progress.fail(e.getMessage());
        }
    }

    private void rebuildAll() throws SQLException {
        ProjectionDefinition shadow = new ProjectionDefinition(target.name(), target.team(),
                shadowCollection(target.collection()), target.version(), target.root(), target.file(), target.maxBytes());
        projector.prepare(target);
        try {
            try (SourceSnapshot reader = snapshots.open(projector.lastPosition())) {
                SourcePosition position = reader.position();
                for (NodeDefinition.TableKey node : target.root().tablesShown()) {
                    progress.estimate(reader.estimatedRows(node.table()));
                }
                for (NodeDefinition.TableKey node : target.root().tablesShown()) {
                    Set<RowKey> seen = new HashSet<>();
                    reader.read(node.table(), projector.columnsRemembered(node.table()), null, null, CHUNK,
                            rows -> apply(node.table(), node.key(), rows, position, seen), () -> cancelled);
                    if (cancelled) {
                        abandon(shadow);
                        return;
                    }
                    deleteUnseen(node.table(), seen, position, reader);
                }
            }
            progress.enter(RebuildProgress.Phase.RENDER);
            journal.begin(target.name(), shadow.collection());
            // Indexed while still empty, before anything writes to it: each write then keeps the indexes up,
            // no build runs over a full collection, and no index build ever runs beside the writer thread's
            // writes to the same collection (the in-process server fails such a write).
            indexes.ensure(target, shadow.collection());
            projector.startShadow(shadow);
            List<RowKey> roots = projector.rootKeys(target);
            for (int from = 0; from < roots.size(); from += DOCUMENTS_PER_WRITE) {
                if (cancelled) {
                    abandon(shadow);
                    return;
                }
                progress.wrote(projector.rewrite(shadow, roots.subList(from, Math.min(roots.size(), from + DOCUMENTS_PER_WRITE))));
            }
            progress.enter(RebuildProgress.Phase.SWAP);
            projector.swap(shadow, target);
            journal.end(shadow.collection());
            progress.enter(RebuildProgress.Phase.DONE);
            LOG.info("Rebuilt {}: {}", target.name(), progress.snapshot());
        } catch (SQLException | RuntimeException e) {
            projector.abandon(shadow, target);
            journal.end(shadow.collection());
            throw e;
        }
    }

    private void abandon(ProjectionDefinition shadow) {
        projector.abandon(shadow, target);
        journal.end(shadow.collection());
        progress.enter(RebuildProgress.Phase.CANCELLED);
        LOG.info("Rebuild of {} cancelled; the live collection is as it was", target.name());
    }

    private void repairOne() throws SQLException {
        ProjectionDefinition live = projector.projection(target.name());
        if (live == null || live.version() != target.version()) {
            throw new IllegalStateException("the definition of " + target.name() + " changed: rebuild the whole projection, "
                    + "so that its documents do not mix versions");
        }
        try (SourceSnapshot reader = snapshots.open(projector.lastPosition())) {
            SourcePosition position = reader.position();
            new DocumentRows(reader, projector::columnsRemembered, CHUNK, () -> cancelled)
                    .read(target.root(), documentKey.singleValue(), (table, key, rows) -> apply(table, key, rows, position, new HashSet<>()));
        }
        progress.enter(RebuildProgress.Phase.RENDER);
        progress.wrote(projector.rewrite(live, List.of(documentKey)));
        progress.enter(RebuildProgress.Phase.DONE);
    }

    private void apply(String table, String keyColumn, List<Map<String, Object>> rows, SourcePosition position, Set<RowKey> seen) {
        Instant now = clock.instant();
        List<Change> reads = new ArrayList<>(rows.size());
        for (Map<String, Object> row : rows) {
            RowKey key = RowKey.of(keyColumn, row.get(keyColumn));
            seen.add(normalized(key));
            reads.add(new Change(table, Op.READ, key, null, row, position, now, null));
        }
        projector.acceptRebuildReads(reads);
        progress.read(rows.size());
    }

    private void deleteUnseen(String table, Set<RowKey> seen, SourcePosition position, SourceSnapshot reader) {
        List<RowKey> unseen = projector.unseenRows(table, seen, position);
        if (!unseen.isEmpty()) {
            UnseenRows.note(target.name(), table, unseen.size(), reader.streamHasPassed(projector.lastPosition()))
                    .log(LOG);
            Instant now = clock.instant();
            projector.acceptRebuildReads(unseen.stream()
                    .map(key -> new Change(table, Op.DELETE, key, null, null, position, now, null)).toList());
        }
    }

    /** Keys as the projector remembers them: whole numbers as {@code Long}. */
    private static RowKey normalized(RowKey key) {
        Map<String, Object> columns = new LinkedHashMap<>();
        key.columns().forEach((column, value) -> columns.put(column,
                value instanceof Integer || value instanceof Short ? ((Number) value).longValue() : value));
        return new RowKey(columns);
    }
}
