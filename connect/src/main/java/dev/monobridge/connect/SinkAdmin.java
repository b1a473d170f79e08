package dev.monobridge.connect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoQueryableIndexes;
import dev.monobridge.projector.mongo.MongoRebuildJournal;
import dev.monobridge.projector.mongo.MongoRebuildRequests;
import dev.monobridge.projector.mongo.MongoSinkRegistry;
import dev.monobridge.projector.rebuild.ProjectionRebuild;
import dev.monobridge.projector.rebuild.RebuildProgress;
import dev.monobridge.projector.rebuild.Rebuilds;

/**
 * What a sink task does besides its batches, on its own thread, every second: takes the rebuild and
 * repair requests {@code monobridge rebuild} leaves in MongoDB for this sink's projections (the same
 * collection the embedded bridge polls), runs them, publishes their progress, and tells
 * {@code monobridge status} that the sink runs.
 *
 * <p>A rebuild runs as on the embedded bridge: on its own thread, taking turns with the task's batches
 * on the projector (which is synchronized), the snapshot's rows at a position that the stream's newer
 * changes win over, and the shadow swapped in between two batches. It touches no Kafka offset: the
 * snapshot comes from the source, not from the topics. When a batch fails and the task re-opens its
 * projector, the rebuild on the old one fails (a failed projector refuses the swap), and the next request
 * runs on the new one.
 */
final class SinkAdmin implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkAdmin.class);

    /** As the embedded bridge's control loop: a request is taken within a second. */
    private static final long TICK_MS = 1000;
    /** How long stopping waits for a cancelled rebuild to drop its shadow, before the task closes MongoDB. */
    private static final Duration CANCEL_WAIT = Duration.ofSeconds(10);
    private static final long CANCEL_POLL_MS = 50;

    private final SinkProjections projection;
    private final SinkSource source;
    private final int tasks;
    private final Clock clock;
    private final List<String> projections;
    private final MongoRebuildRequests requests;
    private final MongoRebuildJournal journal;
    private final MongoSinkRegistry registry;
    /** Rebuilds on projectors the task has since replaced: published until they have finished. */
    private final List<Rebuilds> retired = new ArrayList<>();
    private ScheduledExecutorService thread;
    private Rebuilds rebuilds;
    private Projector rebuildsRunOn;
    private boolean cleanedUp;

    /**
     * @param connection where rebuilds read the source; empty, every rebuild and repair is refused with the reason
     * @param tasks      how many tasks share the sink's projections (its {@code tasks.max}): a rebuild needs them in one
     */
    SinkAdmin(SinkProjections projection, Optional<SinkSettings.SourceConnection> connection, int tasks, Clock clock) {
        this.projection = projection;
        this.tasks = tasks;
        this.clock = clock;
        this.projections = projection.definitions().stream().map(ProjectionDefinition::name).toList();
        this.requests = new MongoRebuildRequests(projection.database());
        this.journal = new MongoRebuildJournal(projection.database(), clock);
        this.registry = new MongoSinkRegistry(projection.database());
        this.source = connection.map(SinkSource::new).orElse(null);
    }

    /**
     * On its own thread: cleans up after a task that stopped mid-rebuild, then takes requests every
     * second. Nothing of it can fail the task's start; a MongoDB that does not answer is retried.
     */
    void start() {
        thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread admin = new Thread(r, "monobridge-sink-admin");
            admin.setDaemon(true);
            return admin;
        });
        thread.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    /** One round: the sink's note for {@code status}, the waiting requests, the rebuilds' progress. */
    void tick() {
        try {
            if (!cleanedUp) {
                // Before the first request: a rebuild asked for now must not have its new shadow dropped.
                dropInterruptedRebuilds();
                cleanedUp = true;
            }
            if (!projection.connector().isEmpty()) {
                registry.beat(new MongoSinkRegistry.Sink(projection.connector(), projections, source != null, clock.instant()));
            }
            for (MongoRebuildRequests.Request request : requests.take(projections)) {
                handle(request);
            }
            publish();
        } catch (RuntimeException e) {
            // The next round tries again; a request already taken has been answered or logged.
            LOG.warn("The sink's admin round failed; it tries again in a second: {}", e.toString());
        }
    }

    private void handle(MongoRebuildRequests.Request request) {
        String what = request.key() == null ? "rebuild of " + request.projection() : "repair of " + request.projection()
                + " document " + request.key();
        Optional<String> refusal = source == null ? Optional.of(SinkSource.NO_SOURCE_CONNECTION)
                // Each task (each partition's projector) holds the states of its share of the roots only, and writes
                // only its share's documents: a shadow one of them fills, swapped in, would lose the others' live writes.
                : tasks > 1 || projection.single().isEmpty()
                ? Optional.of("a rebuild on Kafka Connect needs the projection in one task with one partition, and this sink runs "
                        + tasks + " (tasks.max) over topics split by root key (topic.partitions): rebuild with the embedded bridge, "
                        + "or run the sink with tasks.max=1 and topic.partitions=1 for the rebuild")
                : Optional.empty();
        if (refusal.isPresent()) {
            if (!request.cancel()) {
                LOG.warn("Refused the {}: {}", what, refusal.get());
                requests.publish(failed(request.projection(), request.key(), refusal.get()));
            }
            return;
        }
        Rebuilds current = rebuildsOnTheCurrentProjector();
        try {
            if (request.cancel()) {
                current.cancel(request.projection());
            } else {
                RebuildProgress.Snapshot started = current.start(request.projection(), request.key());
                LOG.info("Started the {}", what);
                requests.publish(started);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.warn("Refused the {}: {}", what, e.getMessage());
        }
    }

    /** Rebuilds bound to the projector the batches go to now; the task replaces it after a failed batch. */
    private Rebuilds rebuildsOnTheCurrentProjector() {
        Projector current = projection.single().orElseThrow().projector();
        if (current != rebuildsRunOn) {
            if (rebuilds != null) {
                retired.add(rebuilds);
            }
            rebuilds = new Rebuilds(current, source.snapshots(), Map.of(), journal, clock, definition -> { },
                    (definition, collection) -> MongoQueryableIndexes.ensure(projection.database(), definition, collection));
            rebuildsRunOn = current;
        }
        return rebuilds;
    }

    private void publish() {
        List<Rebuilds> all = new ArrayList<>(retired);
        if (rebuilds != null) {
            all.add(rebuilds);
        }
        for (Rebuilds each : all) {
            each.status().forEach(requests::publish);
        }
        retired.removeIf(SinkAdmin::finished);
    }

    /**
     * A shadow recorded as begun and never ended was being filled when the task stopped: it goes, and the
     * live collection, which the rebuild never touched, stays. Only this sink's own: other sinks share the
     * database and may be rebuilding theirs right now.
     */
    private void dropInterruptedRebuilds() {
        Set<String> ownShadows = projection.definitions().stream()
                .map(definition -> ProjectionRebuild.shadowCollection(definition.collection())).collect(Collectors.toSet());
        for (String shadow : journal.unfinished()) {
            if (ownShadows.contains(shadow)) {
                LOG.warn("Dropping {}, left by a rebuild whose task stopped; run the rebuild again", shadow);
                projection.database().getCollection(shadow).drop();
                journal.end(shadow);
            }
        }
        for (String name : projections) {
            // Its task stopped while it ran: said so, rather than showing a phase that will never move again.
            requests.status(name).filter(status -> !phase(status).isFinished()).ifPresent(status -> requests.publish(failed(name,
                    status.isNull("key") ? null : status.getString("key").getValue(),
                    "interrupted: the sink's task stopped while it ran; run it again")));
        }
    }

    private static RebuildProgress.Phase phase(BsonDocument status) {
        return RebuildProgress.Phase.valueOf(status.getString("phase").getValue());
    }

    private RebuildProgress.Snapshot failed(String projectionName, String key, String reason) {
        Instant now = clock.instant();
        return new RebuildProgress.Snapshot(projectionName, key, RebuildProgress.Phase.FAILED, 0, 0, 0, 0, 0, Duration.ZERO,
                now, now, reason);
    }

    private static boolean finished(Rebuilds each) {
        return each.status().stream().allMatch(status -> status.phase().isFinished());
    }

    /** Cancels what runs, waits a little for it to drop its shadow, and publishes how it ended. */
    @Override
    public void close() {
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(TICK_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Rebuilds> all = new ArrayList<>(retired);
        if (rebuilds != null) {
            all.add(rebuilds);
        }
        all.forEach(Rebuilds::close);
        awaitFinished(all);
        try {
            all.forEach(each -> each.status().forEach(requests::publish));
        } catch (RuntimeException e) {
            LOG.warn("Could not publish how the sink's rebuilds ended: {}", e.toString());
        }
    }

    private void awaitFinished(List<Rebuilds> all) {
        Instant deadline = clock.instant().plus(CANCEL_WAIT);
        while (!all.stream().allMatch(SinkAdmin::finished) && clock.instant().isBefore(deadline)) {
            try {
                Thread.sleep(CANCEL_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
