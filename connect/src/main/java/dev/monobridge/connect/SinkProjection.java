package dev.monobridge.connect;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.core.DeadLetter;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoProjectorFactory;
import dev.monobridge.projector.mongo.MongoWriters;

/**
 * A projector over the task's MongoDB database, opened as the embedded bridge opens it: the task's one, or
 * one per partition it is given when the topics are co-partitioned by root key ({@link SinkProjections}). A batch that
 * fails to store leaves a projector whose remembered states ran ahead of storage, so after a failure the
 * next batch (the same records, delivered again) goes to a projector re-opened from storage.
 *
 * <p>Thread-safe: the task's thread feeds it, the task's timer advances its time, and the task's admin
 * ({@link SinkAdmin}) runs rebuilds on its projector.
 */
final class SinkProjection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkProjection.class);

    private final MongoDatabase database;
    private final List<ProjectionDefinition> definitions;
    private final Duration markerGrace;
    private final String scope;
    private final ProjectorStats stats = new ProjectorStats();
    private Projector projector;

    /**
     * @param scope the connector's name (and the partition's, when state is kept per partition): sinks of
     *              several projections may share one MongoDB database, and each keeps its own row states,
     *              projection time and document horizon there
     */
    SinkProjection(MongoDatabase database, List<ProjectionDefinition> definitions, Duration markerGrace, String scope) {
        this.scope = scope;
        this.database = database;
        this.definitions = definitions;
        this.markerGrace = markerGrace;
        this.projector = open();
    }

    /** Projects the batch; returns only once MongoDB acknowledged it, throws when it did not. */
    synchronized void accept(List<Change> changes, List<DeadLetter> unreadable) {
        if (projector == null) {
            projector = open();
        }
        try {
            projector.accept(changes, unreadable);
        } catch (RuntimeException e) {
            projector = null;
            throw e;
        }
    }

    /**
     * The projector the batches go to now, re-opened from storage when the last one failed: what the
     * task's rebuilds and repairs run on. One that failed refuses everything, a rebuild's swap included.
     */
    synchronized Projector projector() {
        if (projector == null) {
            projector = open();
        }
        return projector;
    }

    MongoDatabase database() {
        return database;
    }

    String scope() {
        return scope;
    }

    List<ProjectionDefinition> definitions() {
        return definitions;
    }

    /** Moves the projection time on when no batch does, so that retention takes effect on a quiet source. */
    synchronized void advanceTime() {
        if (projector == null) {
            return;
        }
        try {
            projector.advanceTime();
        } catch (RuntimeException e) {
            projector = null;
            LOG.warn("Could not advance the projection time; the next batch re-opens the projector: {}", e.toString());
        }
    }

    private Projector open() {
        // Several writers: during a rebalance a task that lost its partitions may still be writing while its
        // successor re-reads them, so every write is compare-and-set on its source position.
        return MongoProjectorFactory.open(database, definitions, markerGrace, stats, Clock.systemUTC(),
                MongoProjectorFactory.CACHE_ROWS, scope, MongoWriters.SEVERAL);
    }

    @Override
    public void close() {
        // Stale changes are mostly records delivered again (after a restart or a rebalance): the price of
        // committing offsets only past what MongoDB acknowledged, said where an operator looks.
        LOG.info("Sink projector {} closing: {} changes in {} batches, {} applied, {} stale (delivered again or superseded), "
                + "{} document writes, {} dead letters", scope, stats.changes(), stats.batches(), stats.applied(), stats.stale(),
                stats.documentWrites(), stats.deadLetters());
    }
}
