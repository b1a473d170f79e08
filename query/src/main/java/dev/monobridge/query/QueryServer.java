package dev.monobridge.query;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoDatabase;

import io.javalin.Javalin;
import io.javalin.util.JavalinException;

/**
 * The query API alone ({@code monobridge serve}): the query endpoints, the OpenAPI file, {@code /health}
 * and {@code /ready}, against MongoDB only. It holds no state of its own beyond a snapshot of the stored
 * definitions, so any number of them can run behind a load balancer, beside one bridge that writes.
 *
 * <p>{@code /ready} answers 503 while MongoDB does not answer a ping: a load balancer then sends the
 * requests to another server.
 */
public final class QueryServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
    /** A readiness probe must answer before a load balancer's own timeout, typically a few seconds. */
    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final Javalin app;
    private final MongoPing ping;
    private final URI address;

    private QueryServer(Javalin app, MongoPing ping, URI address) {
        this.app = app;
        this.ping = ping;
        this.address = address;
    }

    /**
     * @throws IllegalStateException when it cannot listen on the address and port
     */
    public static QueryServer start(QuerySettings settings, MongoDatabase database, LiveProjections projections) {
        MongoPing ping = new MongoPing(database);
        Javalin app = Javalin.create(config -> {
            ServerSetup.configure(config, settings.bindAddress(), settings.port(), settings.idleTimeout(), settings.tokens(),
                    "monobridge-query");
            Routes routes = new Routes(config.routes);
            new DocumentEndpoints(projections, database, settings.maxPageSize()).register(routes);
            new OpenApiFile().register(routes);
            routes.get("/health", Access.ANYONE, ctx -> Responses.json(ctx, 200, new BsonDocument("status", new BsonString("up"))))
                    .get("/ready", Access.ANYONE, ctx -> {
                        Optional<String> down = ping.check(PING_TIMEOUT);
                        BsonArray reasons = new BsonArray();
                        down.ifPresent(reason -> reasons.add(new BsonString(reason)));
                        Responses.json(ctx, down.isEmpty() ? 200 : 503,
                                new BsonDocument("ready", BsonBoolean.valueOf(down.isEmpty())).append("reasons", reasons));
                    });
        });
        try {
            app.start();
        } catch (JavalinException e) {
            ping.close();
            throw new IllegalStateException("cannot listen on " + settings.bindAddress() + ":" + settings.port() + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()) + " (set http.port)", e);
        }
        URI address = ServerSetup.address(settings.bindAddress(), app.port());
        LOG.info("Query server listening on {}: query API /v1, /openapi.yaml, /health, /ready", address);
        return new QueryServer(app, ping, address);
    }

    /** Where it listens, such as {@code http://127.0.0.1:8081}. */
    public URI address() {
        return address;
    }

    @Override
    public void close() {
        try {
            app.stop();
        } catch (JavalinException e) {
            // Jetty stops in any case; it reports the connections still open at the stop timeout, then closed.
            LOG.debug("Query server stopped after closing connections still open at the stop timeout: {}", e.getMessage());
        }
        ping.close();
    }
}
