package dev.monobridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/**
 * The benchmark end to end at tiny sizes: every workload through every pipeline, and the table, CSV
 * files and charts it writes. Its timings are not checked; that the naive baseline builds the same
 * documents as Monobridge is. The Kafka Connect pipelines have their own smoke test, {@link ConnectBenchSmokeIT}.
 */
class BenchSmokeIT {

    private static final List<String> WORKLOADS = List.of("price-storm", "growing-document", "bulk-load", "mixed");
    private static final List<String> PIPELINES = List.of("ceiling", "monobridge", "naive");

    @Test
    void runsEveryWorkloadThroughEveryPipelineAndWritesItsTableCsvAndCharts() throws IOException {
        Path output = Path.of("target", "bench-smoke");

        int exitCode = BenchCommand.commandLine().execute(
                "--projections", "../config/projections",
                "--output", output.toString(),
                "--pipelines", String.join(",", PIPELINES),
                "--storm-changes", "300", "--growing-changes", "200", "--mixed-changes", "300", "--bulk-rows", "1200",
                "--scale", "0.1", "--rate", "2000", "--warmup-changes", "0", "--sample-interval-ms", "100",
                "--phase-timeout-s", "60");

        assertThat(exitCode).isZero();
        String table = Files.readString(output.resolve("results.md"));
        for (String workload : WORKLOADS) {
            for (String pipeline : PIPELINES) {
                assertThat(table).contains("| " + workload + " | " + pipeline + " |");
            }
        }
        assertThat(table).contains("rebuild rows/s").contains("not measured here").contains("## Targets");
        assertThat(table).doesNotContain("FAILED").doesNotContain("(incomplete)");
        for (String workload : WORKLOADS) {
            assertThat(table).containsPattern(workload + ": \\d+ documents and \\d+ list entries compared, 0 disagreements");
        }

        List<String> csv = Files.readAllLines(output.resolve("results.csv"));
        assertThat(csv.get(0)).startsWith("workload,pipeline,phase,changes");
        // Snapshot, rate and saturation for the three streaming workloads, the snapshot alone for the bulk load, and
        // for the price storm a third stream phase (with readers in the monobridge pipeline).
        assertThat(csv).hasSize(1 + PIPELINES.size() * (3 * 3 + 1 + 1));
        assertThat(csv).filteredOn(line -> line.contains(",saturation+reads,")).as("the price storm's third phase, in every pipeline")
                .hasSize(PIPELINES.size()).allSatisfy(line -> assertThat(line).startsWith("price-storm,"));
        assertThat(table).as("the readers' figures beside the monobridge pipeline's price storm").contains("Read load: ");
        assertThat(Files.readAllLines(output.resolve("document-sizes.csv"))).hasSizeGreaterThan(1);
        assertThat(Files.readAllLines(output.resolve("progress.csv"))).hasSizeGreaterThan(1);

        for (String chart : List.of("throughput-vs-ceiling.png", "latency-at-rate.png", "latency-at-saturation.png",
                "document-size-over-time.png", "bytes-per-change.png")) {
            BufferedImage image = ImageIO.read(output.resolve(chart).toFile());
            assertThat(image).as(chart).isNotNull();
            assertThat(image.getWidth()).as(chart).isGreaterThan(600);
        }
    }
}
