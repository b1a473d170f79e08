package dev.monobridge.connector.http;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.drift.DriftFigures;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.rebuild.RebuildProgress;

/** The running bridge, as the HTTP server sees it. */
final class LiveBridgeView implements BridgeView {

    private final Bridge bridge;

    LiveBridgeView(Bridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public MongoDatabase database() {
        return bridge.database();
    }

    @Override
    public List<ProjectionDefinition> projections() {
        return bridge.projections();
    }

    @Override
    public ProjectorStats stats() {
        return bridge.stats();
    }

    @Override
    public long sourceLagBytes() {
        return bridge.sourceLagBytes();
    }

    @Override
    public Optional<String> captureStopped() {
        if (!bridge.capture().isStopped()) {
            return Optional.empty();
        }
        String failure = bridge.capture().failure();
        return Optional.of(failure == null ? "the capture has stopped" : "the capture stopped: " + failure);
    }

    @Override
    public RebuildProgress.Snapshot startRebuild(String projection, String key) {
        return bridge.rebuilds().start(projection, key);
    }

    @Override
    public boolean cancelRebuild(String projection) {
        return bridge.rebuilds().cancel(projection);
    }

    @Override
    public List<RebuildProgress.Snapshot> rebuilds() {
        return bridge.rebuilds().status();
    }

    @Override
    public DriftFigures.Snapshot drift() {
        return bridge.drift().snapshot();
    }

    @Override
    public Set<String> pendingDefinitions() {
        return bridge.rebuilds().pending().keySet();
    }
}
