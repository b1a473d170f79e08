package dev.monobridge.connector.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;

import io.javalin.http.Context;
import dev.monobridge.query.Access;
import dev.monobridge.query.MongoPing;
import dev.monobridge.query.Responses;
import dev.monobridge.query.Routes;

/**
 * {@code GET /health}: the process is up and serving (200). {@code GET /ready}: the bridge is doing its
 * job, 200; otherwise 503 with every reason: the capture stopped, MongoDB does not answer a ping, or the
 * source keeps more log for capture than {@code http.ready-max-source-lag-mb}. The only endpoints without a
 * token: they say nothing about the data.
 */
final class HealthEndpoints {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final BridgeView bridge;
    private final BridgeSampler sampler;
    private final MongoPing ping;
    private final long maxSourceLagBytes;

    HealthEndpoints(BridgeView bridge, BridgeSampler sampler, MongoPing ping, long maxSourceLagBytes) {
        this.bridge = bridge;
        this.sampler = sampler;
        this.ping = ping;
        this.maxSourceLagBytes = maxSourceLagBytes;
    }

    void register(Routes routes) {
        routes.get("/health", Access.ANYONE, ctx -> Responses.json(ctx, 200, new BsonDocument("status", new BsonString("up"))))
                .get("/ready", Access.ANYONE, this::ready);
    }

    /** Why the bridge is not ready; empty when it is. */
    List<String> reasons() {
        List<String> reasons = new ArrayList<>();
        bridge.captureStopped().ifPresent(reasons::add);
        reasons.addAll(bridge.stats().conditions().reasons());
        ping.check(PING_TIMEOUT).ifPresent(reasons::add);
        long sourceLag = sampler.latest().sourceLagBytes();
        if (sourceLag > maxSourceLagBytes) {
            reasons.add(String.format(Locale.ROOT, "the source keeps %,d MiB of log for capture, over the %,d MiB allowed "
                    + "(http.ready-max-source-lag-mb)", sourceLag / (1024 * 1024), maxSourceLagBytes / (1024 * 1024)));
        }
        return reasons;
    }

    private void ready(Context ctx) {
        List<String> reasons = reasons();
        BsonArray list = new BsonArray();
        reasons.forEach(reason -> list.add(new BsonString(reason)));
        Responses.json(ctx, reasons.isEmpty() ? 200 : 503,
                new BsonDocument("ready", BsonBoolean.valueOf(reasons.isEmpty())).append("reasons", list));
    }
}
