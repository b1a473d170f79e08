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

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.monobridge.projector.definition.ProjectionDefinition;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.util.JavalinException;

/**
 * The running server: Javalin on Jetty, with the limits that keep slow, idle or oversized requests from
 * harming it (issue 10), and the sampler's timer thread.
 *
 * <p>Jetty reads requests with non-blocking I/O: a connection holds a thread only once its request has
 * fully arrived, so idle or half-sent connections cost a socket, never a request thread, and the idle
 * timeout ({@link HttpSettings#idleTimeout()}) closes them.
 */
final class HttpApiServer implements HttpApi {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * Request threads, at most. A request blocks on MongoDB; the driver's pool holds 100 connections by
     * default, so 64 threads keep a margin below it while a slow MongoDB queues requests here, in memory,
     * rather than in the driver. Jetty takes its acceptor and selector threads from the same pool.
     */
    static final int MAX_THREADS = 64;
    /** Threads kept when idle: the acceptor, the selector, and a couple of requests served at once. */
    static final int MIN_THREADS = 4;
    /**
     * The request line and headers together, at most: Jetty's default, 8 KiB. A URL over it is answered
     * 414, headers over it 431. The longest URL this API makes (a cursor of at most 4 KiB, a few filters)
     * fits; a bearer token is under 100 bytes.
     */
    static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;
    /** Connections waiting to be accepted; beyond this the kernel refuses them. */
    static final int ACCEPT_QUEUE = 64;
    /** Requests in flight get this long to finish when the server stops. */
    static final long STOP_TIMEOUT_MILLIS = 1000;

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
        for (ProjectionDefinition projection : bridge.projections()) {
            QueryableIndexes.ensure(bridge.database(), projection);
        }
        BridgeSampler sampler = new BridgeSampler(bridge, Clock.systemUTC());
        BridgeMetrics metrics = new BridgeMetrics(bridge, sampler);
        sampler.listen(metrics);
        MongoPing ping = new MongoPing(bridge.database());
        Javalin app = Javalin.create(config -> {
            configure(config, settings);
            Routes routes = new Routes(config.routes);
            new HealthEndpoints(bridge, sampler, ping, settings.readyMaxSourceLagBytes()).register(routes);
            new DocumentEndpoints(bridge, settings.maxPageSize()).register(routes);
            new AdminEndpoints(bridge, new StatusReport(bridge, sampler), settings.maxPageSize()).register(routes);
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
        String host = settings.bindAddress().equals("0.0.0.0") || settings.bindAddress().equals("::") ? "localhost"
                : settings.bindAddress();
        URI address = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + app.port());
        LOG.info("HTTP server listening on {}: query API /v1, admin API /admin, /metrics, /health, /ready, dashboard /dashboard",
                address);
        return new HttpApiServer(app, timer, metrics, ping, address);
    }

    /** Javalin's and Jetty's settings: the limits, and the API's own error answers. */
    private static void configure(JavalinConfig config, HttpSettings settings) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.startup.startupWatcherEnabled = false;
        // A known path with another method is 405 with Allow, as the API documents, not 404.
        config.http.prefer405over404 = true;
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName("monobridge-http");
        threads.setDaemon(true);
        config.jetty.threadPool = threads;
        config.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(settings.bindAddress());
            connector.setPort(settings.port());
            connector.setIdleTimeout(settings.idleTimeout().toMillis());
            connector.setAcceptQueueSize(ACCEPT_QUEUE);
            return connector;
        });
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler(MAX_REQUEST_HEADER_BYTES));
            server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        });
        config.routes.before(QueryStrings.REFUSE_MALFORMED);
        config.routes.beforeMatched(new Authenticator(settings.tokens()));
        ErrorResponses.register(config.routes);
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
