package dev.monobridge.connector.http;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.connector.drift.DriftFigures;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.rebuild.RebuildProgress;

/**
 * The bridge as the HTTP server sees it, over a real (in-process) MongoDB database that the tests fill
 * themselves, with the shipped projection definitions. Rebuild requests are recorded, not run.
 */
final class TestBridge implements BridgeView {

    static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of("../config/projections"));

    final List<String> rebuildsStarted = new CopyOnWriteArrayList<>();
    final List<RebuildProgress.Snapshot> rebuilds = new CopyOnWriteArrayList<>();
    volatile long sourceLagBytes = 4096;
    volatile String captureStopped;
    volatile DriftFigures.Snapshot drift = DriftFigures.NONE.snapshot();
    private final MongoDatabase database;
    private final ProjectorStats stats = new ProjectorStats();

    TestBridge(MongoDatabase database) {
        this.database = database;
    }

    static ProjectionDefinition projection(String name) {
        return PROJECTIONS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Override
    public DriftFigures.Snapshot drift() {
        return drift;
    }

    @Override
    public MongoDatabase database() {
        return database;
    }

    @Override
    public List<ProjectionDefinition> projections() {
        return PROJECTIONS;
    }

    @Override
    public ProjectorStats stats() {
        return stats;
    }

    @Override
    public long sourceLagBytes() {
        return sourceLagBytes;
    }

    @Override
    public Optional<String> captureStopped() {
        return Optional.ofNullable(captureStopped);
    }

    @Override
    public RebuildProgress.Snapshot startRebuild(String projection, String key) {
        if (PROJECTIONS.stream().noneMatch(p -> p.name().equals(projection))) {
            throw new IllegalArgumentException("unknown projection '" + projection + "'");
        }
        if (rebuilds.stream().anyMatch(r -> r.projection().equals(projection) && !r.phase().isFinished())) {
            throw new IllegalStateException("a rebuild of " + projection + " is already running");
        }
        rebuildsStarted.add(projection + (key == null ? "" : "/" + key));
        RebuildProgress.Snapshot snapshot = new RebuildProgress.Snapshot(projection, key, RebuildProgress.Phase.SNAPSHOT,
                0, 100, 0, 0, 0, Duration.ZERO, Instant.now(), null, null);
        rebuilds.removeIf(r -> r.projection().equals(projection));
        rebuilds.add(snapshot);
        return snapshot;
    }

    @Override
    public boolean cancelRebuild(String projection) {
        return rebuilds.removeIf(r -> r.projection().equals(projection) && !r.phase().isFinished());
    }

    @Override
    public List<RebuildProgress.Snapshot> rebuilds() {
        return new ArrayList<>(rebuilds);
    }

    @Override
    public Set<String> pendingDefinitions() {
        return Set.of();
    }
}
