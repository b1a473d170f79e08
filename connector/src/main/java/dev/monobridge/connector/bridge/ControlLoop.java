package dev.monobridge.connector.bridge;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.mongo.MongoDeadLetters;
import dev.monobridge.projector.mongo.MongoRebuildRequests;
import dev.monobridge.projector.rebuild.RebuildProgress;
import dev.monobridge.projector.rebuild.Rebuilds;

/**
 * What the bridge does every second besides streaming: moves the projection time (retention applies on
 * a quiet source too), replays the dead letters an operator asked for, starts and cancels the rebuilds
 * {@code monobridge rebuild} asked for, and publishes their progress.
 */
final class ControlLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlLoop.class);

    private final Projector projector;
    private final Rebuilds rebuilds;
    private final MongoDeadLetters deadLetters;
    private final MongoRebuildRequests rebuildRequests;

    ControlLoop(Projector projector, Rebuilds rebuilds, MongoDatabase database) {
        this.projector = projector;
        this.rebuilds = rebuilds;
        this.deadLetters = new MongoDeadLetters(database);
        this.rebuildRequests = new MongoRebuildRequests(database);
    }

    @Override
    public void run() {
        try {
            projector.advanceTime();
            replayDeadLetters();
            handleRebuildRequests();
            rebuilds.status().forEach(rebuildRequests::publish);
        } catch (RuntimeException e) {
            // The next tick tries again; a projector that failed to store refuses every call, and the
            // capture stops with it.
            LOG.error("The control loop failed: {}", e.getMessage(), e);
        }
    }

    /** Applies the dead letters an operator asked to replay; a change that fails again becomes a new one. */
    private void replayDeadLetters() {
        List<MongoDeadLetters.Replay> replays = deadLetters.replayRequests();
        if (!replays.isEmpty()) {
            projector.accept(replays.stream().map(MongoDeadLetters.Replay::change).toList());
            deadLetters.replayed(replays);
            LOG.info("Replayed {} dead letters", replays.size());
        }
    }

    private void handleRebuildRequests() {
        for (MongoRebuildRequests.Request request : rebuildRequests.take()) {
            try {
                if (request.cancel()) {
                    rebuilds.cancel(request.projection());
                } else {
                    RebuildProgress.Snapshot started = rebuilds.start(request.projection(), request.key());
                    LOG.info("Rebuild of {} started{}", request.projection(),
                            request.key() == null ? "" : " for document " + request.key());
                    rebuildRequests.publish(started);
                }
            } catch (IllegalArgumentException | IllegalStateException e) {
                LOG.warn("Rebuild request for {} refused: {}", request.projection(), e.getMessage());
            }
        }
    }
}
