package dev.monobridge.connector.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpServer;

import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * The running server, on the JDK's {@code com.sun.net.httpserver}: one handler (the {@link Router}),
 * a small pool of request threads, and the sampler's timer thread.
 */
final class HttpApiServer implements HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    private static final int REQUEST_THREADS = 8;
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService requests;
    private final ScheduledExecutorService timer;
    private final BridgeMetrics metrics;
    private final MongoPing ping;
    private final URI address;

    private HttpApiServer(HttpServer server, ExecutorService requests, ScheduledExecutorService timer, BridgeMetrics metrics,
                          MongoPing ping, URI address) {
        this.server = server;
        this.requests = requests;
        this.timer = timer;
        this.metrics = metrics;
        this.ping = ping;
        this.address = address;
    }

    static HttpApiServer start(HttpSettings settings, BridgeView bridge) {
        warnAboutTokens(settings.tokens(), bridge);
        for (ProjectionDefinition projection : bridge.projections()) {
            QueryableIndexes.ensure(bridge.database(), projection);
        }
        BridgeSampler sampler = new BridgeSampler(bridge, Clock.systemUTC());
        BridgeMetrics metrics = new BridgeMetrics(bridge, sampler);
        sampler.listen(metrics);
        MongoPing ping = new MongoPing(bridge.database());
        Router router = new Router(settings.tokens());
        new HealthEndpoints(bridge, sampler, ping, settings.readyMaxSlotLagBytes()).register(router);
        new DocumentEndpoints(bridge, settings.maxPageSize()).register(router);
        new AdminEndpoints(bridge, new StatusReport(bridge, sampler), settings.maxPageSize()).register(router);
        new StaticFiles().register(router);
        router.add("GET", "/metrics", Access.METRICS, (exchange, caller) ->
                exchange.send(200, PROMETHEUS_TEXT, metrics.scrape().getBytes(StandardCharsets.UTF_8)));

        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bindAddress(), settings.port()), 64);
        } catch (IOException e) {
            metrics.close();
            ping.close();
            throw new IllegalStateException("cannot listen on " + settings.bindAddress() + ":" + settings.port() + ": "
                    + e.getMessage() + " (set http.port, or 0 to turn the HTTP server off)", e);
        }
        ExecutorService requests = Executors.newFixedThreadPool(REQUEST_THREADS, daemon("monobridge-http"));
        server.setExecutor(requests);
        server.createContext("/", router);
        server.start();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("monobridge-http-sampler"));
        timer.scheduleWithFixedDelay(sampler::sample, 0, BridgeSampler.INTERVAL_SECONDS, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(sampler::sampleDetails, 0, BridgeSampler.DETAIL_INTERVAL_SECONDS, TimeUnit.SECONDS);
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "localhost" : bound.getHostString();
        URI address = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort());
        LOG.info("HTTP server listening on {}: query API /v1, admin API /admin, /metrics, /health, /ready, dashboard /dashboard",
                address);
        return new HttpApiServer(server, requests, timer, metrics, ping, address);
    }

    @Override
    public Optional<URI> address() {
        return Optional.of(address);
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.stop(1);
        requests.shutdownNow();
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
