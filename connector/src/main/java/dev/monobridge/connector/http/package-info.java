/**
 * The bridge's HTTP server, on Javalin (Jetty underneath): the query API for frontend teams, the admin
 * API, Prometheus metrics, health and readiness, and the ops dashboard.
 *
 * <p>Access, all by {@code Authorization: Bearer <token>}; the bridge knows only the tokens' SHA-256
 * hashes ({@link dev.monobridge.connector.http.Tokens}):
 * <ul>
 *   <li>no token: {@code /health}, {@code /ready}, and the dashboard's static files (they hold no data);</li>
 *   <li>a team's token: {@code /v1/...} for the projections the team owns; another team's projection
 *       answers 404, as if it did not exist; also {@code /openapi.yaml};</li>
 *   <li>the admin token: everything, including {@code /admin/...} and {@code /metrics};</li>
 *   <li>the metrics token: {@code /metrics} only.</li>
 * </ul>
 * No token or an unknown one: 401. A valid token on an endpoint it may not call: 403.
 *
 * <p>The request path is small: Javalin's router → {@link dev.monobridge.connector.http.Authenticator}
 * (the route's {@link dev.monobridge.connector.http.Access}) → an endpoint class → MongoDB; whatever goes
 * wrong becomes the one JSON error ({@link dev.monobridge.connector.http.ErrorResponses}, and
 * {@link dev.monobridge.connector.http.JsonErrorHandler} for what Jetty refuses before Javalin sees it).
 * Filters are built by {@code DocumentQuery} from checked names and typed values only. Figures for the dashboard and the metrics come from {@code BridgeSampler}, which reads them on a timer
 * so that requests never wait for PostgreSQL.
 */
package dev.monobridge.connector.http;
