package dev.monobridge.projector.mongo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.core.RowStates;
import dev.monobridge.projector.definition.ProjectionDefinition;

/** Assembles a {@link Projector} that keeps everything in one MongoDB database. */
public final class MongoProjectorFactory {

    private static final Logger LOG = LoggerFactory.getLogger(MongoProjectorFactory.class);

    private MongoProjectorFactory() {
    }

    /**
     * Loads the remembered row states and returns a projector ready for the first batch.
     *
     * @param markerGrace how long a delete marker outlives its delete
     */
    public static Projector open(MongoDatabase database, List<ProjectionDefinition> definitions, Duration markerGrace,
                                 ProjectorStats stats, Clock clock) {
        ProjectionPlan plan = new ProjectionPlan(definitions);
        RowStates states = new RowStates(plan.parentKeyColumns());
        MongoProjectionStore store = new MongoProjectionStore(database, MongoRetry.standard(stats.conditions()), clock);
        int loaded = store.loadStates(states);
        Instant asOf = store.loadAsOf().orElse(clock.instant());
        SourcePosition horizon = store.loadDocumentHorizon();
        LOG.info("Loaded {} remembered row states for {} projections, rendered as of {}", loaded, definitions.size(), asOf);
        return new Projector(plan, states, store, clock, markerGrace, stats, asOf, horizon);
    }
}
