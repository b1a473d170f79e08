package dev.monobridge.projector.rebuild;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * The rebuilds of one bridge: at most one per projection at a time, each on its own thread, so that a
 * rebuild of one projection never holds up the live stream of the others (or its own: the live stream
 * and the rebuild take turns, batch by batch).
 */
public final class Rebuilds implements AutoCloseable {

    private final Projector projector;
    private final SourceSnapshots snapshots;
    private final Clock clock;
    private final RebuildJournal journal;
    private final Map<String, ProjectionDefinition> pending;
    private final Consumer<ProjectionDefinition> onSwapped;
    private final CollectionIndexes indexes;
    private final Map<String, ProjectionRebuild> rebuilds = new LinkedHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "monobridge-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param snapshots where the rebuilds read the source: the source adapter's consistent snapshots
     * @param pending   definitions newer than the live ones (their files changed version): a rebuild of
     *                  such a projection builds the new version
     * @param journal   where each rebuild records the shadow it fills, until it is gone
     * @param onSwapped told of each definition that became live through a rebuild
     * @param indexes   creates the readers' indexes on each shadow before its swap
     */
    public Rebuilds(Projector projector, SourceSnapshots snapshots, Map<String, ProjectionDefinition> pending,
                    RebuildJournal journal, Clock clock, Consumer<ProjectionDefinition> onSwapped, CollectionIndexes indexes) {
        this.indexes = indexes;
        this.journal = journal;
        this.projector = projector;
        this.snapshots = snapshots;
        this.clock = clock;
        this.pending = new LinkedHashMap<>(pending);
        this.onSwapped = onSwapped;
    }

    /**
     * Starts rebuilding a projection, or with {@code key} one of its documents.
     *
     * @throws IllegalArgumentException for an unknown projection
     * @throws IllegalStateException    when a rebuild of it is already running
     */
    public synchronized RebuildProgress.Snapshot start(String projection, String key) {
        ProjectionDefinition live = projector.projection(projection);
        if (live == null) {
            throw new IllegalArgumentException("unknown projection '" + projection + "'");
        }
        ProjectionRebuild running = rebuilds.get(projection);
        if (running != null && !running.progress().snapshot().phase().isFinished()) {
            throw new IllegalStateException("a rebuild of " + projection + " is already running");
        }
        ProjectionDefinition target = key == null ? pending.getOrDefault(projection, live) : live;
        RowKey documentKey = key == null ? null : RowKey.of(live.root().key(), parseKey(key));
        ProjectionRebuild rebuild = new ProjectionRebuild(projector, snapshots, target, documentKey, journal, clock, indexes);
        rebuilds.put(projection, rebuild);
        executor.execute(() -> {
            rebuild.run();
            if (documentKey == null && rebuild.progress().snapshot().phase() == RebuildProgress.Phase.DONE) {
                swapped(rebuild.target());
            }
        });
        return rebuild.progress().snapshot();
    }

    /** Cancels a running rebuild; the live projection stays as it was. */
    public synchronized boolean cancel(String projection) {
        ProjectionRebuild rebuild = rebuilds.get(projection);
        if (rebuild == null || rebuild.progress().snapshot().phase().isFinished()) {
            return false;
        }
        rebuild.cancel();
        return true;
    }

    /** The latest rebuild of each projection that had one, running or finished. */
    public synchronized List<RebuildProgress.Snapshot> status() {
        List<RebuildProgress.Snapshot> status = new ArrayList<>();
        rebuilds.values().forEach(rebuild -> status.add(rebuild.progress().snapshot()));
        return status;
    }

    /** Projections whose definition file is newer than their live documents: they need a rebuild. */
    public synchronized Map<String, ProjectionDefinition> pending() {
        return Map.copyOf(pending);
    }

    private synchronized void swapped(ProjectionDefinition definition) {
        pending.remove(definition.name());
        onSwapped.accept(definition);
    }

    /** A key as typed by a person: a whole number when it looks like one, else text. */
    static Object parseKey(String key) {
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            return key;
        }
    }

    @Override
    public synchronized void close() {
        rebuilds.values().forEach(ProjectionRebuild::cancel);
        executor.shutdown();
    }
}
