package dev.monobridge.connector.bridge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.monobridge.capture.source.SourceAdapter;
import dev.monobridge.connector.drift.DriftSettings;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoTrailSettings;

/**
 * Everything the bridge needs to start, resolved: secrets read, definitions loaded. {@code mongoUri}
 * may hold credentials, so {@link #toString()} leaves it out.
 */
public record BridgeOptions(SourceAdapter source, String mongoUri, String mongoDatabase, Path offsetsFile,
                            Duration offsetFlushInterval, List<ProjectionDefinition> projections,
                            Duration deleteMarkerGrace, MongoTrailSettings trace, DriftSettings drift) {

    public BridgeOptions {
        projections = List.copyOf(projections);
        java.util.Objects.requireNonNull(trace, "trace");
        java.util.Objects.requireNonNull(drift, "drift");
    }

    /** Options keeping the default trail ({@link MongoTrailSettings#DEFAULT}), without a drift sampler. */
    public BridgeOptions(SourceAdapter source, String mongoUri, String mongoDatabase, Path offsetsFile,
                         Duration offsetFlushInterval, List<ProjectionDefinition> projections, Duration deleteMarkerGrace) {
        this(source, mongoUri, mongoDatabase, offsetsFile, offsetFlushInterval, projections, deleteMarkerGrace,
                MongoTrailSettings.DEFAULT, DriftSettings.OFF);
    }

    /** Options with this trail, without a drift sampler. */
    public BridgeOptions(SourceAdapter source, String mongoUri, String mongoDatabase, Path offsetsFile,
                         Duration offsetFlushInterval, List<ProjectionDefinition> projections, Duration deleteMarkerGrace,
                         MongoTrailSettings trace) {
        this(source, mongoUri, mongoDatabase, offsetsFile, offsetFlushInterval, projections, deleteMarkerGrace, trace,
                DriftSettings.OFF);
    }

    /** These options with the drift sampler set so. */
    public BridgeOptions withDrift(DriftSettings settings) {
        return new BridgeOptions(source, mongoUri, mongoDatabase, offsetsFile, offsetFlushInterval, projections, deleteMarkerGrace,
                trace, settings);
    }

    /** Exactly the tables some projection reads, in a stable order: what is captured. */
    public List<String> capturedTables() {
        return capturedTables(projections);
    }

    /** Exactly the tables these projections read, in a stable order. */
    public static List<String> capturedTables(List<ProjectionDefinition> projections) {
        List<String> tables = new ArrayList<>(new ProjectionPlan(projections).tables());
        tables.sort(null);
        return tables;
    }

    @Override
    public String toString() {
        return "BridgeOptions[" + source + ", mongoDatabase=" + mongoDatabase + ", offsets=" + offsetsFile
                + ", projections=" + projections.stream().map(ProjectionDefinition::name).toList() + "]";
    }
}
