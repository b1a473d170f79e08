package dev.monobridge.connector.http;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.monobridge.query.Access;
import dev.monobridge.query.DocumentEndpoints;
import dev.monobridge.query.MongoPing;
import dev.monobridge.query.OpenApiFile;
import dev.monobridge.query.Responses;
import dev.monobridge.query.Routes;
import dev.monobridge.query.ServerSetup;
import dev.monobridge.query.Tokens;

import io.javalin.Javalin;
import io.javalin.util.JavalinException;

/**
 * The running server: Javalin on Jetty, with the limits every Monobridge server has ({@link ServerSetup}),
 * the query module's routes mounted beside the bridge's own (admin API, metrics, health, dashboard), and
 * the sampler's timer thread. The query routes read the bridge's snapshot of the live definitions
 * ({@code Bridge::projections} through {@link BridgeView}), never the projector.
 */
final class HttpApiServer implements HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final Javalin app;
    private final ScheduledExecutorService timer;
    private final BridgeMetrics metrics;
    private final MongoPing ping;
    private final URI address;

    private HttpApiServer(Javalin app, ScheduledExecutorService timer, BridgeMetrics metrics, MongoPing ping, URI address) {
        this.app = app;
        this.timer = timer;
        this.metrics = metrics;
        this.ping = ping;
        this.address = address;
    }

    static HttpApiServer start(HttpSettings settings, BridgeView bridge) {
        warnAboutTokens(settings.tokens(), bridge);
        BridgeSampler sampler = new BridgeSampler(bridge, Clock.systemUTC());
        BridgeMetrics metrics = new BridgeMetrics(bridge, sampler);
        sampler.listen(metrics);
        MongoPing ping = new MongoPing(bridge.database());
        Javalin app = Javalin.create(config -> {
            ServerSetup.configure(config, settings.bindAddress(), settings.port(), settings.idleTimeout(), settings.tokens(),
                    "monobridge-http");
            Routes routes = new Routes(config.routes);
            new HealthEndpoints(bridge, sampler, ping, settings.readyMaxSourceLagBytes()).register(routes);
            new DocumentEndpoints(bridge::projections, bridge.database(), settings.maxPageSize()).register(routes);
            new OpenApiFile().register(routes);
            new AdminEndpoints(bridge, new StatusReport(bridge, sampler), settings.maxPageSize()).register(routes);
            new TraceEndpoints(bridge).register(routes);
            new DriftEndpoints(bridge, settings.maxPageSize()).register(routes);
            new DashboardFiles().register(config, routes);
            routes.get("/metrics", Access.METRICS, ctx -> Responses.send(ctx, 200, PROMETHEUS_TEXT, metrics.scrape()));
        });
        try {
            app.start();
        } catch (JavalinException e) {
            metrics.close();
            ping.close();
            throw new IllegalStateException("cannot listen on " + settings.bindAddress() + ":" + settings.port() + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
                    + " (set http.port, or 0 to turn the HTTP server off)", e);
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("monobridge-http-sampler"));
        timer.scheduleWithFixedDelay(sampler::sample, 0, BridgeSampler.INTERVAL_SECONDS, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(sampler::sampleDetails, 0, BridgeSampler.DETAIL_INTERVAL_SECONDS, TimeUnit.SECONDS);
        URI address = ServerSetup.address(settings.bindAddress(), app.port());
        LOG.info("HTTP server listening on {}: query API /v1, admin API /admin, /metrics, /health, /ready, dashboard /dashboard",
                address);
        return new HttpApiServer(app, timer, metrics, ping, address);
    }

    @Override
    public Optional<URI> address() {
        return Optional.of(address);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            app.stop();
        } catch (JavalinException e) {
            // Jetty stops in any case; it reports the connections (such as idle keep-alive ones) that were
            // still open when the stop timeout ran out, and were then closed.
            LOG.debug("HTTP server stopped after closing connections still open at the stop timeout: {}", e.getMessage());
        }
        ping.close();
        metrics.close();
    }

    /** Settings that leave part of the API unreachable are allowed (a bridge may serve no team), but said. */
    private static void warnAboutTokens(Tokens tokens, BridgeView bridge) {
        if (!tokens.hasAdmin()) {
            LOG.warn("No admin token hash is configured (http.admin-token-sha256-env): the admin endpoints and the dashboard "
                    + "refuse everyone");
        }
        Set<String> owners = new TreeSet<>();
        bridge.projections().forEach(p -> owners.add(p.team()));
        for (String team : tokens.teams()) {
            if (!owners.contains(team)) {
                LOG.warn("Team {} has a token but owns no projection", team);
            }
        }
        owners.removeAll(tokens.teams());
        if (!owners.isEmpty()) {
            LOG.info("Teams without a token, which cannot query: {}", owners);
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger number = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
