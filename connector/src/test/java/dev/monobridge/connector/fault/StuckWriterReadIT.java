package dev.monobridge.connector.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.bridge.EmbeddedSources;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.connector.http.BridgeView;
import dev.monobridge.connector.http.HttpApi;
import dev.monobridge.connector.http.HttpSettings;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoRetry;
import dev.monobridge.projector.rebuild.RebuildProgress;
import dev.monobridge.query.Tokens;

/**
 * A reader is not blocked by a stuck writer (issue 16). The bridge writes to MongoDB through a proxy,
 * which is cut in the middle of a live workload: the projector's writer is then held in its failing retry,
 * and once its write stage is full the projector's monitor stays taken (a call to
 * {@code Bridge.projectionTime()}, which takes it, does not return). The
 * query routes of the bridge's own HTTP server read MongoDB over a connection of their own, as a
 * MongoDB whose writes are stalled still serves reads; every query must still answer within its normal
 * time, because the routes read the bridge's snapshot of the definitions, never the projector.
 */
class StuckWriterReadIT {

    private static final String RACING = "racing-web-stuck-token-0123456789";
    /** A query on a small collection answers in milliseconds; this leaves room for a busy two-core machine. */
    private static final Duration NORMAL_TIME = Duration.ofSeconds(2);
    /** The write stage is full a few batches after the cut; at 300 changes/s that is well under a second. */
    private static final Duration MONITOR_TAKEN_WITHIN = Duration.ofSeconds(60);
    private static final double CHANGES_PER_SECOND = 300;
    private static final long SEED = 16;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @RegisterExtension
    static final BridgeFixture FIXTURE = new BridgeFixture(EmbeddedSources::new);

    @Test
    void aQueryAnswersInItsNormalTimeWhileTheWriterIsHeldInAFailingRetry() throws Exception {
        DemoSchema.seed(FIXTURE.source(), DemoSize.small(), SEED);
        long meeting = FIXTURE.database().queryLong("SELECT min(id) FROM public.meeting");
        ConnectionString mongo = new ConnectionString(FIXTURE.sources().mongoUri());
        String[] hostAndPort = mongo.getHosts().get(0).split(":");
        try (TcpProxy proxy = TcpProxy.start(hostAndPort[0], Integer.parseInt(hostAndPort[1]));
             LoadGenerator workload = new LoadGenerator(FIXTURE.source(), CHANGES_PER_SECOND, SEED)) {
            Bridge bridge = FIXTURE.start("mongodb://127.0.0.1:" + proxy.port());
            ProjectorStats stats = bridge.stats();
            HttpApi api = HttpApi.start(HttpSettings.local(0, Tokens.of(Map.of("racing-web", List.of(Tokens.sha256Hex(RACING))),
                    null, null)), new ReadsOnItsOwnConnection(BridgeView.of(bridge), FIXTURE.documents()));
            URI base = api.address().orElseThrow();
            URI document = base.resolve("/v1/projections/racing-homepage/documents/" + meeting);
            URI page = base.resolve("/v1/projections/racing-homepage/documents?limit=5");
            URI projections = base.resolve("/v1/projections");
            await("the snapshot's document").atMost(Duration.ofSeconds(120)).until(() -> get(document).statusCode() == 200);

            workload.start();
            long before = stats.changes();
            await().atMost(Duration.ofSeconds(30)).until(() -> stats.changes() >= before + 100);
            proxy.cut();
            await("the writer is in its failing retry").atMost(Duration.ofSeconds(60))
                    .until(() -> stats.conditions().isRaised(MongoRetry.CONDITION));
            CompletableFuture<Instant> writerMonitor = monitorHeld(bridge);

            for (URI query : List.of(document, page, projections, document)) {
                long started = System.nanoTime();
                HttpResponse<String> response = get(query);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(response.statusCode()).as(query + ": " + response.body()).isEqualTo(200);
                assertThat(took).as(query + " while the writer is stuck").isLessThan(NORMAL_TIME);
            }
            assertThat(writerMonitor).as("still stuck while the queries answered").isNotDone();

            proxy.restore();
            await("the writer recovers").atMost(Duration.ofSeconds(90)).until(writerMonitor::isDone);
            api.close();
        }
    }

    /**
     * A call into the projector that stays blocked on its monitor. The writer thread retries without the monitor;
     * the projecting thread takes it, and keeps it while it waits for room in the write stage, which fills a few
     * batches after the cut. Until then a call returns at once, so this asks again until one stays blocked.
     */
    private static CompletableFuture<Instant> monitorHeld(Bridge bridge) throws InterruptedException, ExecutionException {
        long deadline = System.nanoTime() + MONITOR_TAKEN_WITHIN.toNanos();
        while (true) {
            CompletableFuture<Instant> call = CompletableFuture.supplyAsync(bridge::projectionTime);
            try {
                call.get(NORMAL_TIME.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException held) {
                return call;
            }
            assertThat(System.nanoTime()).as("the writer holds its monitor within " + MONITOR_TAKEN_WITHIN).isLessThan(deadline);
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + RACING)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The running bridge, with its queries' MongoDB reads on a connection the cut proxy does not carry. */
    private record ReadsOnItsOwnConnection(BridgeView bridge, MongoDatabase reads) implements BridgeView {

        @Override
        public MongoDatabase database() {
            return reads;
        }

        @Override
        public List<ProjectionDefinition> projections() {
            return bridge.projections();
        }

        @Override
        public ProjectorStats stats() {
            return bridge.stats();
        }

        @Override
        public long sourceLagBytes() {
            return bridge.sourceLagBytes();
        }

        @Override
        public Optional<String> captureStopped() {
            return bridge.captureStopped();
        }

        @Override
        public RebuildProgress.Snapshot startRebuild(String projection, String key) {
            return bridge.startRebuild(projection, key);
        }

        @Override
        public boolean cancelRebuild(String projection) {
            return bridge.cancelRebuild(projection);
        }

        @Override
        public List<RebuildProgress.Snapshot> rebuilds() {
            return bridge.rebuilds();
        }

        @Override
        public Set<String> pendingDefinitions() {
            return bridge.pendingDefinitions();
        }
    }
}
