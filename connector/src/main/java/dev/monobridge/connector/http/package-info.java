/**
 * The bridge's HTTP server, on Javalin (Jetty underneath): the query API (the {@code query} module's routes,
 * mounted here so that {@code monobridge run} serves queries as well), the admin API, Prometheus metrics,
 * health and readiness, and the ops dashboard. Who may call what, the error shape and the server's limits
 * are the query module's ({@link dev.monobridge.query}).
 *
 * <p>Figures for the dashboard and the metrics come from {@code BridgeSampler}, which reads them on a timer
 * so that requests never wait for PostgreSQL; definitions come from the bridge's immutable snapshot
 * ({@code Bridge#projections}), so that no request waits for the projector.
 */
package dev.monobridge.connector.http;
