package dev.monobridge.bench.pipeline;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.bench.measure.CommandMeter;
import dev.monobridge.projector.core.PipelinedSink;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorPipeline;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoProjectorFactory;
import dev.monobridge.projector.mongo.MongoTrailSettings;
import dev.monobridge.projector.mongo.MongoWriters;

/**
 * Monobridge as the bridge assembles it: the projector opened on the database, fed by the capture through
 * its pipeline (projection overlapping the writes), and its projection time advanced every second as the
 * bridge's timer does. Without the pipeline, the capture's thread projects and stores each batch in turn; the
 * trail ("have we seen this?") as given.
 */
final class MonobridgePipeline implements Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(MonobridgePipeline.class);

    private final MongoClient client;
    private final CommandMeter meter;
    private final List<ProjectionDefinition> projections;
    private final ProjectorStats stats = new ProjectorStats();
    private final Projector projector;
    /** Null without the pipeline. */
    private final ProjectorPipeline pipeline;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-projection-time");
        thread.setDaemon(true);
        return thread;
    });

    MonobridgePipeline(MongoClient client, CommandMeter meter, MongoDatabase database, List<ProjectionDefinition> projections,
                       boolean pipelined, MongoTrailSettings trail) {
        this.client = client;
        this.meter = meter;
        this.projections = projections;
        this.projector = MongoProjectorFactory.open(database, projections, Duration.ofHours(1), stats, Clock.systemUTC(),
                MongoProjectorFactory.CACHE_ROWS, "", MongoWriters.ONE, trail);
        this.pipeline = pipelined ? ProjectorPipeline.start(projector, stats) : null;
        timer.scheduleWithFixedDelay(this::advanceTime, 1, 1, TimeUnit.SECONDS);
    }

    private void advanceTime() {
        try {
            projector.advanceTime();
        } catch (RuntimeException e) {
            LOG.error("Advancing the projection time failed", e);
            timer.shutdown();
        }
    }

    @Override
    public PipelinedSink sink() {
        return pipeline != null ? pipeline : PipelinedSink.synchronous(projector);
    }

    @Override
    public CommandMeter.Totals totals() {
        return meter.totals();
    }

    @Override
    public List<String> collections() {
        return projections.stream().map(ProjectionDefinition::collection).toList();
    }

    @Override
    public String notes() {
        StringBuilder notes = new StringBuilder();
        if (stats.deadLetters() > 0) {
            notes.append(stats.deadLetters()).append(" dead letters; ");
        }
        if (stats.trimmedEntries() > 0) {
            notes.append(stats.trimmedEntries()).append(" entries trimmed to fit max-bytes; ");
        }
        return notes.toString();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        if (pipeline != null) {
            pipeline.close();
        }
        client.close();
    }
}
