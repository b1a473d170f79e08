/**
 * The read side: the query API frontend teams read their projections' documents through, on Javalin
 * (Jetty underneath), against MongoDB only. It knows nothing of capture, Debezium, JDBC or the projector's
 * state: the definitions it needs come as an immutable snapshot ({@link dev.monobridge.query.LiveProjections}),
 * so a request never waits for the writer. The bridge's HTTP server mounts these routes beside its admin API;
 * {@code monobridge serve} runs them alone ({@link dev.monobridge.query.QueryServer}), any number of times
 * behind a load balancer, reading MongoDB's stored definitions ({@link dev.monobridge.query.StoredProjections}).
 *
 * <p>Access, all by {@code Authorization: Bearer <token>}; a server knows only the tokens' SHA-256 hashes
 * ({@link dev.monobridge.query.Tokens}):
 * <ul>
 *   <li>no token: {@code /health}, {@code /ready} (and on the bridge, the dashboard's static files);</li>
 *   <li>a team's token: {@code /v1/...} for the projections the team owns; another team's projection
 *       answers 404, as if it did not exist; also {@code /openapi.yaml};</li>
 *   <li>the admin token: everything, including the bridge's {@code /admin/...} and {@code /metrics};</li>
 *   <li>the metrics token: {@code /metrics} only.</li>
 * </ul>
 * No token or an unknown one: 401. A valid token on an endpoint it may not call: 403.
 *
 * <p>The request path is small: Javalin's router → {@link dev.monobridge.query.Authenticator} (the route's
 * {@link dev.monobridge.query.Access}) → an endpoint class → MongoDB; whatever goes wrong becomes the one JSON
 * error ({@link dev.monobridge.query.ErrorResponses}, and {@code JsonErrorHandler} for what Jetty refuses
 * before Javalin sees it). Filters are built by {@code DocumentQuery} from checked names and typed values only.
 * Documents and pages carry an ETag made of their {@code _meta}, and a conditional request is answered from
 * {@code _meta} alone while nothing changed.
 */
package dev.monobridge.query;
