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

/**
 * What the HTTP server reads from the bridge, and asks of it. {@link #of(Bridge)} gives the running
 * bridge's; tests of the HTTP layer give one over a MongoDB database they fill themselves.
 */
public interface BridgeView {

    /** The database holding the projection collections and the dead letters. */
    MongoDatabase database();

    /** The live projections: an immutable snapshot, answered at once (never the projector's monitor). */
    List<ProjectionDefinition> projections();

    ProjectorStats stats();

    /** Bytes of log the source keeps for capture (WAL a slot holds, binlog beyond what was applied); -1 when unknown yet. */
    long sourceLagBytes();

    /** Why the capture stopped; empty while it runs. */
    Optional<String> captureStopped();

    /**
     * Starts rebuilding a projection, or one document of it.
     *
     * @param key the document's key, or {@code null} for the whole projection
     * @throws IllegalArgumentException for an unknown projection
     * @throws IllegalStateException    when a rebuild of it is already running
     */
    RebuildProgress.Snapshot startRebuild(String projection, String key);

    /** Cancels the projection's running rebuild; false when none runs. */
    boolean cancelRebuild(String projection);

    /** The latest rebuild of each projection that had one. */
    List<RebuildProgress.Snapshot> rebuilds();

    /** Projections whose definition is newer than their documents: a rebuild builds the new version. */
    Set<String> pendingDefinitions();

    /** What the drift sampler found since the bridge started; nothing when it is off. */
    default DriftFigures.Snapshot drift() {
        return DriftFigures.NONE.snapshot();
    }

    static BridgeView of(Bridge bridge) {
        return new LiveBridgeView(bridge);
    }
}
