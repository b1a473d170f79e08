package dev.monobridge.bench.pipeline;

import java.util.List;

import com.mongodb.client.MongoClient;

import dev.monobridge.bench.measure.CommandMeter;
import dev.monobridge.projector.core.PipelinedSink;

/** Debezium alone: every batch is accepted at once and nothing is written anywhere. */
final class CeilingPipeline implements Pipeline {

    private final MongoClient client;

    CeilingPipeline(MongoClient client) {
        this.client = client;
    }

    @Override
    public PipelinedSink sink() {
        return PipelinedSink.synchronous((changes, unreadable) -> {
        });
    }

    @Override
    public CommandMeter.Totals totals() {
        return CommandMeter.Totals.ZERO;
    }

    @Override
    public List<String> collections() {
        return List.of();
    }

    @Override
    public String notes() {
        return "";
    }

    @Override
    public void close() {
        client.close();
    }
}
