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
import org.bson.BsonDocument;

import dev.monobridge.projector.definition.ProjectionDefinition;

/** Assembles a {@link Projector} that keeps everything in one MongoDB database. */
public final class MongoProjectorFactory {

    /**
     * Row states the heap keeps between batches: at about 500 bytes each (docs/state-store.md), some
     * 50 MiB, a tenth of the 512 MiB heap the benchmark runs in, and many batches' working sets.
     */
    public static final int CACHE_ROWS = 100_000;

    private static final Logger LOG = LoggerFactory.getLogger(MongoProjectorFactory.class);

    private MongoProjectorFactory() {
    }

    /**
     * Returns a projector ready for the first batch. Reads no row states: only the projection time; each
     * batch reads the states it needs, and {@link ProjectorStats#rowStatesLoaded()} counts them.
     *
     * @param markerGrace how long a delete marker outlives its delete
     */
    public static Projector open(MongoDatabase database, List<ProjectionDefinition> definitions, Duration markerGrace,
                                 ProjectorStats stats, Clock clock) {
        return open(database, definitions, markerGrace, stats, clock, CACHE_ROWS);
    }

    /** As {@link #open(MongoDatabase, List, Duration, ProjectorStats, Clock)}, with a cache of that many rows. */
    public static Projector open(MongoDatabase database, List<ProjectionDefinition> definitions, Duration markerGrace,
                                 ProjectorStats stats, Clock clock, int cacheRows) {
        return open(database, definitions, markerGrace, stats, clock, cacheRows, "");
    }

    /**
     * As {@link #open(MongoDatabase, List, Duration, ProjectorStats, Clock)}, for one of several projectors
     * sharing the database: its row states, projection time and document horizon are its own
     * ({@link MongoProjectionStore#statesCollection}).
     */
    public static Projector open(MongoDatabase database, List<ProjectionDefinition> definitions, Duration markerGrace,
                                 ProjectorStats stats, Clock clock, int cacheRows, String scope) {
        return open(database, definitions, markerGrace, stats, clock, cacheRows, scope, MongoWriters.ONE);
    }

    /**
     * As {@link #open(MongoDatabase, List, Duration, ProjectorStats, Clock, int, String)}, for a scope that
     * more than one projector may write at once ({@link MongoWriters#SEVERAL}: Kafka Connect's tasks, a zombie
     * after a rebalance), so that every write is compare-and-set on its source position.
     */
    public static Projector open(MongoDatabase database, List<ProjectionDefinition> definitions, Duration markerGrace,
                                 ProjectorStats stats, Clock clock, int cacheRows, String scope, MongoWriters writers) {
        return open(database, definitions, markerGrace, stats, clock, cacheRows, scope, writers, MongoTrailSettings.DEFAULT);
    }

    /**
     * As {@link #open(MongoDatabase, List, Duration, ProjectorStats, Clock, int, String, MongoWriters)}, keeping this
     * much trail ({@link MongoTrails}); the other overloads keep {@link MongoTrailSettings#DEFAULT}.
     */
    public static Projector open(MongoDatabase database, List<ProjectionDefinition> definitions, Duration markerGrace,
                                 ProjectorStats stats, Clock clock, int cacheRows, String scope, MongoWriters writers,
                                 MongoTrailSettings trail) {
        ProjectionPlan plan = new ProjectionPlan(definitions);
        // The writer keeps the readers' indexes (a no-op when they exist), whether or not anything serves queries.
        definitions.forEach(definition -> MongoQueryableIndexes.ensure(database, definition));
        MongoRetry retry = MongoRetry.standard(stats.conditions());
        MongoRowStateStore states = new MongoRowStateStore(
                database.getCollection(MongoProjectionStore.statesCollection(scope), BsonDocument.class),
                plan.parentKeyColumns(), cacheRows, stats, retry, writers);
        MongoTrailWriter trails = new MongoTrailWriter(database.getCollection(MongoTrails.COLLECTION, BsonDocument.class), trail,
                stats, clock, scope);
        MongoProjectionStore store = new MongoProjectionStore(database, states.writes(), retry, clock, scope, writers, trails);
        Instant asOf = store.loadAsOf().orElse(clock.instant());
        SourcePosition horizon = store.loadDocumentHorizon();
        LOG.info("Opened {} projections, rendered as of {}; row states are read as batches need them", definitions.size(), asOf);
        return new Projector(plan, states, store, clock, markerGrace, stats, asOf, horizon, trail.perDocument());
    }
}
