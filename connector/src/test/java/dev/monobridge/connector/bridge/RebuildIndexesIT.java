package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.http.BridgeView;
import dev.monobridge.connector.http.HttpApi;
import dev.monobridge.connector.http.HttpSettings;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.definition.QueryableFields;
import dev.monobridge.projector.mongo.MongoQueryableIndexes;
import dev.monobridge.projector.rebuild.RebuildProgress;
import dev.monobridge.query.Tokens;

/**
 * The writer keeps the query indexes (issue 16): after a rebuild's swap the live collection has every
 * one, with the HTTP server off as well as on, and a reader watching the collection's indexes during the
 * rebuild never sees it without them (the shadow is indexed before it is renamed over the live one).
 */
class RebuildIndexesIT {

    private static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of("../config/projections"));
    private static final ProjectionDefinition RACING = PROJECTIONS.stream()
            .filter(p -> p.name().equals("racing-homepage")).findFirst().orElseThrow();

    private static TestSources sources;

    @TempDir
    Path work;

    @BeforeAll
    static void startServers() {
        sources = new EmbeddedSources();
    }

    @AfterAll
    static void stopServers() {
        sources.close();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(strings = {"off", "on"})
    void afterARebuildsSwapTheLiveCollectionHasItsQueryIndexes(String http) throws Exception {
        List<String> expected = new ArrayList<>(QueryableFields.of(RACING).indexed().stream()
                .map(field -> MongoQueryableIndexes.QUERY_PREFIX + field).toList());
        expected.add(MongoQueryableIndexes.WRITTEN_AT);
        try (TestDatabase database = new TestDatabase(sources, "indexes_" + http + "_")) {
            DemoSchema.seed(database.dataSource(), DemoSize.tiny(), 16);
            try (Bridge bridge = Bridge.start(new BridgeOptions(database.source(PROJECTIONS), sources.mongoUri(), database.name(),
                    work.resolve("offsets.dat"), Duration.ofMillis(100), PROJECTIONS, Duration.ofHours(1)));
                 HttpApi api = HttpApi.start(settings(http.equals("on")), BridgeView.of(bridge))) {
                assertThat(api.address().isPresent()).isEqualTo(http.equals("on"));
                assertThat(indexes(bridge)).as("at start").containsAll(expected);

                List<List<String>> seen = new CopyOnWriteArrayList<>();
                AtomicBoolean rebuilding = new AtomicBoolean(true);
                Thread watcher = new Thread(() -> {
                    while (rebuilding.get()) {
                        seen.add(indexes(bridge));
                    }
                }, "index-watcher");
                watcher.start();
                RebuildProgress.Snapshot started = bridge.rebuilds().start(RACING.name(), null);
                await("the rebuild").atMost(Duration.ofSeconds(120)).until(() -> phase(bridge).isFinished());
                rebuilding.set(false);
                watcher.join();

                assertThat(phase(bridge)).as("rebuild of " + started.projection()).isEqualTo(RebuildProgress.Phase.DONE);
                assertThat(indexes(bridge)).as("after the swap").containsAll(expected);
                assertThat(seen).as("the live collection's indexes, read %d times during the rebuild", seen.size())
                        .isNotEmpty().allSatisfy(names -> assertThat(names).containsAll(expected));
            }
        }
    }

    /** On 127.0.0.1 and any free port, or off as {@code http.port: 0} turns it off. */
    private static HttpSettings settings(boolean on) {
        HttpSettings local = HttpSettings.local(0, Tokens.of(Map.of(), null, null));
        return new HttpSettings(on, local.bindAddress(), local.port(), local.tokens(), local.maxPageSize(),
                local.readyMaxSourceLagBytes(), local.idleTimeout());
    }

    private static RebuildProgress.Phase phase(Bridge bridge) {
        return bridge.rebuilds().status().stream().filter(s -> s.projection().equals(RACING.name())).findFirst().orElseThrow().phase();
    }

    private static List<String> indexes(Bridge bridge) {
        List<String> names = new ArrayList<>();
        bridge.database().getCollection(RACING.collection()).listIndexes(BsonDocument.class)
                .forEach(index -> names.add(index.getString("name").getValue()));
        return names;
    }
}
