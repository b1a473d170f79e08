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
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.ConnectionString;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.bridge.EmbeddedSources;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.connector.http.BridgeView;
import dev.monobridge.connector.http.HttpApi;
import dev.monobridge.connector.http.HttpSettings;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.mongo.MongoRetry;
import dev.monobridge.query.Tokens;

/**
 * MongoDB goes away for 30 s in the middle of a live workload (P7, nothing lost; P1 afterwards): a
 * proxy between the bridge and MongoDB cuts every connection and refuses new ones, then lets them
 * through again. Meanwhile the bridge waits and retries, acknowledges no batch, saves no offset, and
 * says why it is not ready (through {@code /ready} on the real HTTP server); afterwards it catches up and
 * every document equals the oracle.
 */
class MongoOutageIT {

    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final double CHANGES_PER_SECOND = 300;
    private static final long SEED = 10;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final BridgeFixture FIXTURE = new BridgeFixture(EmbeddedSources::new);

    @Test
    void aThirtySecondMongoOutageMidWorkloadLosesNothingAndReadySaysWhy() throws Exception {
        DemoSchema.seed(FIXTURE.source(), DemoSize.small(), SEED);
        ConnectionString mongo = new ConnectionString(FIXTURE.sources().mongoUri());
        String[] hostAndPort = mongo.getHosts().get(0).split(":");
        try (TcpProxy proxy = TcpProxy.start(hostAndPort[0], Integer.parseInt(hostAndPort[1]));
             LoadGenerator workload = new LoadGenerator(FIXTURE.source(), CHANGES_PER_SECOND, SEED)) {
            Bridge bridge = FIXTURE.start("mongodb://127.0.0.1:" + proxy.port());
            ProjectorStats stats = bridge.stats();
            HttpApi api = HttpApi.start(HttpSettings.local(0, Tokens.of(Map.of(), null, null)), BridgeView.of(bridge));
            URI ready = api.address().orElseThrow().resolve("/ready");
            FIXTURE.awaitOracle("documents equal the oracle after the snapshot");

            workload.start();
            long before = stats.changes();
            await().atMost(Duration.ofSeconds(30)).until(() -> stats.changes() >= before + 300);

            proxy.cut();
            Instant cut = Instant.now();
            await("the mongo condition is raised").atMost(OUTAGE)
                    .until(() -> stats.conditions().isRaised(MongoRetry.CONDITION));
            String reason = String.join("; ", stats.conditions().reasons());
            assertThat(reason).contains("MongoDB has not acknowledged writes for", "(retrying");
            HttpResponse<String> notReady = get(ready);
            assertThat(notReady.statusCode()).as("/ready while MongoDB is away").isEqualTo(503);
            assertThat(notReady.body()).contains("MongoDB has not acknowledged writes for");
            long batches = stats.batches();
            byte[] offsets = FIXTURE.offsets();

            // For the rest of the outage: no batch counts as done, no offset moves, and /ready says why.
            Duration left = OUTAGE.minus(Duration.between(cut, Instant.now()));
            await("nothing acknowledged while MongoDB is away").during(left).atMost(left.plusSeconds(5))
                    .until(() -> stats.batches() == batches && Arrays.equals(FIXTURE.offsets(), offsets)
                            && stats.conditions().isRaised(MongoRetry.CONDITION));
            assertThat(bridge.capture().isStopped()).as("capture still runs").isFalse();
            long changesDuringOutage = workload.changes();

            proxy.restore();
            await("the mongo condition is cleared").atMost(Duration.ofSeconds(90))
                    .until(() -> !stats.conditions().isRaised(MongoRetry.CONDITION));
            await("a batch acknowledged after the outage").atMost(Duration.ofSeconds(30)).until(() -> stats.batches() > batches);
            await("/ready after the outage").atMost(Duration.ofSeconds(30)).until(() -> get(ready).statusCode() == 200);
            api.close();
            await().atMost(Duration.ofSeconds(30)).until(() -> workload.changes() > changesDuringOutage + 100);
            workload.close();

            FIXTURE.awaitOracle("documents equal the oracle after the outage");
            assertThat(workload.errors()).as("workload errors").isZero();
            assertThat(bridge.deadLetterCount()).as("dead letters").isZero();
            assertThat(FIXTURE.offsets()).as("offsets moved on after the outage").isNotEqualTo(offsets);
            System.out.printf("MongoOutageIT: MongoDB away for %d s; /ready said: %s; %,d changes applied in all, documents %s%n",
                    OUTAGE.toSeconds(), notReady.body(), stats.changes(), bridge.documentCounts());
        }
    }

    private static HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
