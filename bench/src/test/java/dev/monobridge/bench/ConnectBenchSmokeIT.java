package dev.monobridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The connect pipelines end to end at tiny sizes, beside the ceiling: Debezium's source connector,
 * Kafka and the Monobridge sink in Kafka Connect, with one task per projection, and with two where
 * the sink takes them (a refusal is reported as such, with its reason). The mixed workload's deletes
 * bring tombstones, which are no changes: a phase that counted them wrong would never complete.
 */
class ConnectBenchSmokeIT {

    private static final List<String> WORKLOADS = List.of("price-storm", "mixed");

    @Test
    void runsTheConnectPipelinesBesideTheCeilingAndReportsTheirFiguresOrTheirRefusal() throws IOException {
        Path output = Path.of("target", "bench-connect-smoke");

        int exitCode = BenchCommand.commandLine().execute(
                "--projections", "../config/projections",
                "--output", output.toString(),
                "--workloads", String.join(",", WORKLOADS),
                "--pipelines", "ceiling,connect-1,connect-2",
                "--storm-changes", "300", "--mixed-changes", "300",
                "--scale", "0.1", "--rate", "2000", "--warmup-changes", "0", "--sample-interval-ms", "100",
                "--phase-timeout-s", "90");

        assertThat(exitCode).isZero();
        String table = Files.readString(output.resolve("results.md"));
        assertThat(table).doesNotContain("FAILED").doesNotContain("(incomplete)");
        for (String workload : WORKLOADS) {
            assertThat(table).as("a connect-1 row with its throughput and share of the ceiling")
                    .containsPattern("\\| " + workload + " \\| connect-1 \\| [\\d,]+ \\| \\d+%\\*? \\|");
            assertThat(table).as("a connect-2 row, measured or refused with the sink's reason")
                    .containsPattern("\\| " + workload + " \\| connect-2 \\| ([\\d,]+ \\| \\d+%\\*? |refused: \\S.*)\\|");
        }
        assertThat(table).contains("Connect pipeline throughput ≥ 50% of the embedded ceiling");
        List<String> csv = Files.readAllLines(output.resolve("results.csv"));
        assertThat(csv).filteredOn(line -> line.contains(",connect-1,")).as("connect-1: snapshot, rate and saturation of each workload")
                .hasSize(3 * WORKLOADS.size());
        int roundTrips = List.of(csv.get(0).split(",")).indexOf("round_trips");
        assertThat(csv).filteredOn(line -> line.contains(",connect-1,saturation,")).isNotEmpty().allSatisfy(line ->
                assertThat(Long.parseLong(line.split(",")[roundTrips])).as("round trips counted on the wire").isPositive());
    }
}
