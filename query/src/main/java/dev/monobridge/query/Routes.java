package dev.monobridge.query;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * How the endpoint classes add their routes to Javalin: each with the one {@link Access} it admits, and
 * every GET also as HEAD. Javalin answers a HEAD on a GET route by itself only with a bare 200, without
 * running the endpoint; registered here, a HEAD runs the GET's handler and gets its status and headers
 * (ETag, 304, 401, 404 alike), and Jetty sends no body for it.
 */
public final class Routes {

    private final RoutesConfig routes;

    public Routes(RoutesConfig routes) {
        this.routes = routes;
    }

    public Routes get(String path, Access access, Handler handler) {
        routes.addHttpHandler(HandlerType.GET, path, handler, access);
        routes.addHttpHandler(HandlerType.HEAD, path, handler, access);
        return this;
    }

    public Routes post(String path, Access access, Handler handler) {
        routes.addHttpHandler(HandlerType.POST, path, handler, access);
        return this;
    }
}
