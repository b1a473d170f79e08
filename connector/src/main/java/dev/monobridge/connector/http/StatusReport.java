package dev.monobridge.connector.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.rebuild.RebuildProgress;

/**
 * The admin's view of the bridge as JSON: {@code GET /admin/status} (now) and {@code GET /admin/history}
 * (the last ten minutes, for the dashboard's charts). Times are ISO-8601 text in the status and epoch
 * milliseconds in the history. The status's {@code conditions} are the bridge's raised troubles, read now
 * (not from the sampler): the same reasons {@code /ready} gives, for the dashboard's Problems panel.
 */
final class StatusReport {

    private final BridgeView bridge;
    private final BridgeSampler sampler;

    StatusReport(BridgeView bridge, BridgeSampler sampler) {
        this.bridge = bridge;
        this.sampler = sampler;
    }

    BsonDocument status() {
        Sample sample = sampler.latest();
        ProjectorStats stats = bridge.stats();
        Map<String, BridgeSampler.Details> details = sampler.details();
        List<RebuildProgress.Snapshot> rebuilds = bridge.rebuilds();
        BsonArray projections = new BsonArray();
        for (ProjectionDefinition projection : bridge.projections()) {
            projections.add(projection(projection, sample, details.get(projection.name()), rebuilds));
        }
        BsonArray conditions = new BsonArray();
        stats.conditions().reasons().forEach(reason -> conditions.add(new BsonString(reason)));
        BsonArray pending = new BsonArray();
        bridge.pendingDefinitions().stream().sorted().forEach(name -> pending.add(new BsonString(name)));
        return new BsonDocument("at", text(sample.at()))
                .append("capture", new BsonDocument("running", BsonBoolean.valueOf(sample.captureStopped() == null))
                        .append("stopped", nullable(sample.captureStopped())))
                .append("conditions", conditions)
                .append("changes", new BsonInt64(stats.changes()))
                .append("changesPerSecond", new BsonDouble(sample.changesPerSecond()))
                .append("lagMillis", new BsonInt64(stats.lastLag().toMillis()))
                .append("batches", new BsonInt64(stats.batches()))
                .append("meanBatchSize", new BsonDouble(sample.meanBatchSize()))
                .append("applied", new BsonInt64(stats.applied()))
                .append("stale", new BsonInt64(stats.stale()))
                .append("documentWrites", new BsonInt64(stats.documentWrites()))
                .append("trimmedEntries", new BsonInt64(stats.trimmedEntries()))
                .append("expiredMarkers", new BsonInt64(stats.expiredMarkers()))
                .append("rowStatesLoaded", new BsonInt64(stats.rowStatesLoaded()))
                .append("rowStateQueries", new BsonInt64(stats.stateQueries()))
                .append("deadLetters", new BsonInt64(sample.deadLetters()))
                .append("sourceLagBytes", new BsonInt64(sample.sourceLagBytes()))
                .append("pendingDefinitions", pending)
                .append("drift", DriftEndpoints.figures(bridge.drift()))
                .append("projections", projections);
    }

    BsonDocument history() {
        BsonArray samples = new BsonArray();
        for (Sample sample : sampler.history()) {
            BsonDocument documents = new BsonDocument();
            BsonDocument written = new BsonDocument();
            sample.projections().forEach((name, figures) -> {
                documents.append(name, new BsonInt64(figures.documents()));
                written.append(name, new BsonDouble(figures.writtenPerSecond()));
            });
            samples.add(new BsonDocument("at", new BsonInt64(sample.at().toEpochMilli()))
                    .append("changesPerSecond", new BsonDouble(sample.changesPerSecond()))
                    .append("lagMillis", new BsonInt64(sample.lagMillis()))
                    .append("deadLetters", new BsonInt64(sample.deadLetters()))
                    .append("sourceLagBytes", new BsonInt64(sample.sourceLagBytes()))
                    .append("documents", documents)
                    .append("written", written));
        }
        return new BsonDocument("intervalSeconds", new BsonInt32(BridgeSampler.INTERVAL_SECONDS)).append("samples", samples);
    }

    static BsonDocument rebuild(RebuildProgress.Snapshot rebuild) {
        return new BsonDocument("projection", new BsonString(rebuild.projection()))
                .append("documentKey", rebuild.documentKey() == null ? BsonNull.VALUE : new BsonString(rebuild.documentKey().toString()))
                .append("phase", new BsonString(rebuild.phase().name()))
                .append("percent", new BsonInt32(rebuild.percent()))
                .append("rowsRead", new BsonInt64(rebuild.rowsRead()))
                .append("rowsEstimated", new BsonInt64(rebuild.rowsEstimated()))
                .append("documentsWritten", new BsonInt64(rebuild.documentsWritten()))
                .append("rowsPerSecond", new BsonDouble(rebuild.rowsPerSecond()))
                .append("etaSeconds", new BsonInt64(rebuild.eta().toSeconds()))
                .append("startedAt", text(rebuild.startedAt()))
                .append("finishedAt", text(rebuild.finishedAt()))
                .append("error", nullable(rebuild.error()));
    }

    private static BsonDocument projection(ProjectionDefinition projection, Sample sample, BridgeSampler.Details details,
                                           List<RebuildProgress.Snapshot> rebuilds) {
        Sample.Projection figures = sample.projections().get(projection.name());
        BsonValue rebuild = rebuilds.stream().filter(r -> r.projection().equals(projection.name())).findFirst()
                .<BsonValue>map(StatusReport::rebuild).orElse(BsonNull.VALUE);
        BsonDocument document = new BsonDocument("name", new BsonString(projection.name()))
                .append("team", new BsonString(projection.team()))
                .append("collection", new BsonString(projection.collection()))
                .append("version", new BsonInt32(projection.version()))
                .append("maxBytes", new BsonInt32(projection.maxBytes()))
                .append("documents", new BsonInt64(figures == null ? 0 : figures.documents()))
                .append("writtenPerSecond", new BsonDouble(figures == null ? 0 : figures.writtenPerSecond()))
                .append("lastWriteAt", text(figures == null ? null : figures.lastWrite()))
                .append("lastWriteAgeMillis", figures == null || figures.lastWrite() == null ? BsonNull.VALUE
                        : new BsonInt64(Math.max(0, Duration.between(figures.lastWrite(), sample.at()).toMillis())))
                .append("rebuild", rebuild);
        if (details == null) {
            return document.append("sizes", BsonNull.VALUE).append("deadLetters", new BsonInt64(0)).append("lastError", BsonNull.VALUE);
        }
        DocumentSizes sizes = details.sizes();
        return document.append("sizes", new BsonDocument("sampled", new BsonInt32(sizes.sampled()))
                        .append("p50", new BsonInt64(sizes.p50()))
                        .append("p99", new BsonInt64(sizes.p99()))
                        .append("max", new BsonInt64(sizes.max()))
                        .append("at", text(sizes.at())))
                .append("deadLetters", new BsonInt64(details.deadLetters()))
                .append("lastError", details.lastError() == null ? BsonNull.VALUE
                        : new BsonDocument("reason", new BsonString(details.lastError())).append("at", text(details.lastErrorAt())));
    }

    private static BsonValue text(Instant instant) {
        return instant == null ? BsonNull.VALUE : new BsonString(instant.toString());
    }

    private static BsonValue nullable(String text) {
        return text == null ? BsonNull.VALUE : new BsonString(text);
    }
}
