package dev.monobridge.connector.http;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Sends each request to its endpoint: by path ({@code /v1/projections/{projection}}), then by method,
 * then by who may call it. In that order the answers are 404 (no such path), 405 (wrong method), 401
 * (no token, or one that is not configured), 403 (a valid token that may not call this endpoint).
 *
 * <p>Logs name the method and the path, never the query string or the headers: a token travels only in
 * the {@code Authorization} header, and so never reaches a log.
 */
final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final String BEARER = "bearer ";

    private final Tokens tokens;
    private final List<Route> routes = new ArrayList<>();

    Router(Tokens tokens) {
        this.tokens = tokens;
    }

    Router add(String method, String pattern, Access access, Endpoint endpoint) {
        routes.add(new Route(method, pattern.split("/"), access, endpoint));
        return this;
    }

    @Override
    public void handle(HttpExchange http) {
        String path = http.getRequestURI().getRawPath();
        try (http) {
            try {
                dispatch(http, path);
            } catch (ApiException e) {
                new Exchange(http, Map.of()).sendError(e.status(), e.getMessage());
            } catch (MongoTimeoutException | MongoSocketException e) {
                LOG.warn("{} {}: MongoDB is unreachable: {}", http.getRequestMethod(), path, e.getMessage());
                new Exchange(http, Map.of()).sendError(503, "MongoDB is unreachable; try again shortly");
            } catch (RuntimeException e) {
                LOG.error("{} {} failed", http.getRequestMethod(), path, e);
                new Exchange(http, Map.of()).sendError(500, "internal error; the bridge's log has the details");
            }
        } catch (IOException e) {
            // The client went away, or the response had begun: nothing more can be sent.
            LOG.debug("{} {}: {}", http.getRequestMethod(), path, e.getMessage());
        }
    }

    private void dispatch(HttpExchange http, String rawPath) throws IOException {
        String[] segments = segments(rawPath);
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> parameters = route.match(segments);
            if (parameters.isEmpty()) {
                continue;
            }
            if (!route.method().equals(http.getRequestMethod())) {
                allowed.add(route.method());
                continue;
            }
            Caller caller = route.access() == Access.ANYONE ? null : authenticate(http, route.access());
            route.endpoint().handle(new Exchange(http, parameters.get()), caller);
            return;
        }
        if (allowed.isEmpty()) {
            throw ApiException.notFound("no such endpoint: " + http.getRequestMethod() + " " + rawPath
                    + " (GET /openapi.yaml describes them all)");
        }
        http.getResponseHeaders().set("Allow", String.join(", ", allowed));
        throw new ApiException(405, http.getRequestMethod() + " is not allowed here; use " + String.join(" or ", allowed));
    }

    private Caller authenticate(HttpExchange http, Access access) {
        String authorization = http.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.toLowerCase(Locale.ROOT).startsWith(BEARER)
                || authorization.substring(BEARER.length()).isBlank()) {
            http.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"monobridge\"");
            throw new ApiException(401, "a token is needed: send the header 'Authorization: Bearer <token>'");
        }
        Caller caller = tokens.identify(authorization.substring(BEARER.length()).strip()).orElseThrow(() -> {
            http.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"monobridge\", error=\"invalid_token\"");
            return new ApiException(401, "the token is not valid");
        });
        if (!access.admits(caller)) {
            throw new ApiException(403, switch (access) {
                case ADMIN -> "this endpoint needs the admin token";
                case METRICS -> "the metrics need the admin token or the metrics token";
                default -> "this token may not call this endpoint";
            });
        }
        return caller;
    }

    /** The path's segments, each percent-decoded on its own, so that an encoded '/' stays inside its segment. */
    private static String[] segments(String rawPath) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            try {
                segments[i] = URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("the path is not properly percent-encoded");
            }
        }
        return segments;
    }

    /** A method and a path pattern whose {@code {name}} segments match any one segment. */
    private record Route(String method, String[] pattern, Access access, Endpoint endpoint) {

        Optional<Map<String, String>> match(String[] segments) {
            if (segments.length != pattern.length) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < pattern.length; i++) {
                String part = pattern[i];
                if (part.startsWith("{") && part.endsWith("}")) {
                    if (segments[i].isEmpty()) {
                        return Optional.empty();
                    }
                    parameters.put(part.substring(1, part.length() - 1), segments[i]);
                } else if (!part.equals(segments[i])) {
                    return Optional.empty();
                }
            }
            return Optional.of(parameters);
        }
    }
}
