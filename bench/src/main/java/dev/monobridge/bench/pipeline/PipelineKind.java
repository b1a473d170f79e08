package dev.monobridge.bench.pipeline;

import java.util.List;

import com.mongodb.client.MongoClient;

import dev.monobridge.bench.measure.CommandMeter;

import dev.monobridge.projector.definition.ProjectionDefinition;

/** The three pipelines the benchmark compares, in the order it runs them. */
public enum PipelineKind {
    /** Debezium's embedded engine delivering to a consumer that does nothing: the limit. */
    CEILING("ceiling"),
    /** Monobridge end to end: the projector with targeted writes, into MongoDB. */
    MONOBRIDGE("monobridge"),
    /** Read the whole document, change it in memory, write it all back: the design that failed. */
    NAIVE("naive");

    private final String label;

    PipelineKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static PipelineKind of(String label) {
        for (PipelineKind kind : values()) {
            if (kind.label.equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown pipeline '" + label + "' (expected ceiling, monobridge or naive)");
    }

    /**
     * @param client   the pipeline's own client, with a command meter registered; closed with the pipeline
     * @param meter    that meter
     * @param database the database its documents go to
     */
    public Pipeline open(MongoClient client, CommandMeter meter, String database,
                         List<ProjectionDefinition> projections) {
        return switch (this) {
            case CEILING -> new CeilingPipeline(client);
            case MONOBRIDGE -> new MonobridgePipeline(client, meter, client.getDatabase(database), projections);
            case NAIVE -> new NaivePipeline(client, meter, client.getDatabase(database), projections);
        };
    }
}
