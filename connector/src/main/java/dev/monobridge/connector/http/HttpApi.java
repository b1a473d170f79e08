package dev.monobridge.connector.http;

import java.net.URI;
import java.util.Optional;

/**
 * The bridge's HTTP server: the query API for teams, the admin API, Prometheus metrics, health and
 * readiness, the ops dashboard and the OpenAPI file; all endpoints are listed in the query module's
 * {@code src/main/resources/http/openapi.yaml}.
 *
 * <p>Lifecycle: {@link #start} after the bridge has started (it reads the bridge's projections; the
 * writer, not this server, keeps the query indexes), {@link #close} before the bridge closes. With {@code http.port: 0} it
 * starts nothing, and {@link #address()} is empty.
 */
public interface HttpApi extends AutoCloseable {

    static HttpApi start(HttpSettings settings, BridgeView bridge) {
        return settings.enabled() ? HttpApiServer.start(settings, bridge) : new DisabledHttpApi();
    }

    /** Where it listens, such as {@code http://127.0.0.1:8080}; empty when it is off. */
    Optional<URI> address();

    /** Stops serving; requests in flight get up to a second to finish. */
    @Override
    void close();
}
