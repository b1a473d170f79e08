package dev.monobridge.bench.pipeline;

import java.util.List;

import com.mongodb.client.MongoClient;

import dev.monobridge.bench.measure.CommandMeter;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoTrailSettings;

/** The pipelines the benchmark compares, in the order it runs them. */
public enum PipelineKind {
    /** Debezium's embedded engine delivering to a consumer that does nothing: the limit. */
    CEILING("ceiling", 0),
    /** Monobridge end to end: the projector with targeted writes, into MongoDB. */
    MONOBRIDGE("monobridge", 0),
    /**
     * Monobridge without the pipeline: the capture's thread projects each batch and waits for MongoDB before it
     * takes the next, as before issue 12's overlap (docs/pipeline.md). Run beside {@link #MONOBRIDGE} it gives the
     * overlap's before and after in one run, against the same ceiling. Not in the default set.
     */
    MONOBRIDGE_SERIAL("monobridge-serial", 0),
    /**
     * Monobridge without the trail ({@code trace.per-document: 0}, docs/trace.md): run beside {@link #MONOBRIDGE} it
     * gives what "have we seen this?" costs, in bytes, round trips and throughput, in one run. Not in the default set.
     */
    MONOBRIDGE_UNTRACED("monobridge-untraced", 0),
    /** Read the whole document, change it in memory, write it all back: the design that failed. */
    NAIVE("naive", 0),
    /** Debezium's source connector in Kafka Connect, Kafka, and the Monobridge sink connector with one task per projection. */
    CONNECT_1("connect-1", 1),
    /** The same with two tasks per projection, as connect-config sets them up; refused where the sink cannot split a projection. */
    CONNECT_2("connect-2", 2);

    private final String label;
    private final int connectTasks;

    PipelineKind(String label, int connectTasks) {
        this.label = label;
        this.connectTasks = connectTasks;
    }

    /** Sink tasks per projection for a Kafka Connect pipeline; 0 for the pipelines fed by the embedded engine. */
    public int connectTasks() {
        return connectTasks;
    }

    public boolean onConnect() {
        return connectTasks > 0;
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
        throw new IllegalArgumentException("unknown pipeline '" + label + "' (expected ceiling, monobridge, monobridge-serial, monobridge-untraced, naive, connect-1 or connect-2)");
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
            case MONOBRIDGE -> new MonobridgePipeline(client, meter, client.getDatabase(database), projections, true,
                    MongoTrailSettings.DEFAULT);
            case MONOBRIDGE_SERIAL -> new MonobridgePipeline(client, meter, client.getDatabase(database), projections, false,
                    MongoTrailSettings.DEFAULT);
            case MONOBRIDGE_UNTRACED -> new MonobridgePipeline(client, meter, client.getDatabase(database), projections, true,
                    MongoTrailSettings.OFF);
            case NAIVE -> new NaivePipeline(client, meter, client.getDatabase(database), projections);
            case CONNECT_1, CONNECT_2 -> throw new IllegalStateException("a Connect pipeline is opened on the Connect cluster (BenchConnectCluster)");
        };
    }
}
