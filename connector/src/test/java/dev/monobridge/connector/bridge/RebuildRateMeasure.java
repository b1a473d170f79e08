package dev.monobridge.connector.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.rebuild.RebuildProgress;

/**
 * The rebuild measurement of issue 12: the racing homepage of a 162,100-row demo schema (100 meetings of
 * 20 races of 80 runners), rebuilt on embedded PostgreSQL, its rate printed. It asserts only that the
 * rebuild read every row and finished: performance is measured by benchmarks, not by timed tests.
 *
 * <p>Named so that neither test phase picks it up: it takes minutes, and a suite that ran it on every build
 * would pay for a figure nobody reads there. Run it by name (bench/README.md, "Rebuild profile"):
 * {@code -Dit.test=RebuildRateMeasure}.
 */
class RebuildRateMeasure {

    /** 100 meetings + 2,000 races + 160,000 runners: the 162,100 rows the README's rebuild figure is for. */
    static final DemoSize RACING_162K = new DemoSize(100, 20, 80, 1, 1, 1, 0, 0);
    private static final long RACING_ROWS = 100 + 2_000 + 160_000;

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

    @Test
    void aRebuildOfTheRacingHomepageReadsEveryRowAndPrintsItsRate() throws Exception {
        List<ProjectionDefinition> projections = new ProjectionDefinitionReader()
                .readDirectory(Path.of("../config/projections")).stream()
                .filter(p -> p.name().equals("racing-homepage")).toList();
        try (TestDatabase database = new TestDatabase(sources, "rate")) {
            DemoSchema.seed(database.dataSource(), RACING_162K, 3);
            database.execute("analyze");
            try (Bridge bridge = Bridge.start(new BridgeOptions(database.source(projections, work.resolve("offsets.dat")),
                    sources.mongoUri(), database.name(), work.resolve("offsets.dat"), Duration.ofMillis(100), projections,
                    Duration.ofHours(1)))) {
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(500))
                        .until(() -> bridge.stats().applied() >= RACING_ROWS);
                bridge.rebuilds().start("racing-homepage", null);
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                        .until(() -> progress(bridge).phase().isFinished());
                RebuildProgress.Snapshot done = progress(bridge);
                System.out.printf("RebuildRateMeasure: rebuilt %s: %,d rows read at %,.0f rows/s, %,d documents at %,.0f documents/s%n",
                        done.projection(), done.rowsRead(), done.rowsPerSecond(), done.documentsWritten(), done.documentsPerSecond());
                assertThat(done.phase()).as(done.error()).isEqualTo(RebuildProgress.Phase.DONE);
                assertThat(done.rowsRead()).isEqualTo(RACING_ROWS);
                assertThat(done.documentsWritten()).isEqualTo(100);
            }
        }
    }

    private static RebuildProgress.Snapshot progress(Bridge bridge) {
        return bridge.rebuilds().status().stream().findFirst().orElseThrow();
    }
}
