package dev.monobridge.bench.pipeline;

import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.bench.measure.CommandMeter;
import dev.monobridge.projector.core.PipelinedSink;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.ProjectionDefinition;

/** The naive read-modify-write baseline, on the same projection definitions as Monobridge. */
final class NaivePipeline implements Pipeline {

    private final MongoClient client;
    private final CommandMeter meter;
    private final List<ProjectionDefinition> projections;
    private final NaiveProjector projector;

    NaivePipeline(MongoClient client, CommandMeter meter, MongoDatabase database, List<ProjectionDefinition> projections) {
        this.client = client;
        this.meter = meter;
        this.projections = projections;
        this.projector = new NaiveProjector(database, new ProjectionPlan(projections));
    }

    @Override
    public PipelinedSink sink() {
        return PipelinedSink.synchronous(projector);
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
    public long changesApplied() {
        return projector.applied();
    }

    @Override
    public String notes() {
        String notes = projector.ignoredDeletes() > 0 ? projector.ignoredDeletes() + " deletes ignored (never removes entries); " : "";
        return projector.unroutable() > 0 ? notes + projector.unroutable() + " changes it could not route; " : notes;
    }

    @Override
    public void close() {
        client.close();
    }
}
