package dev.monobridge.connector.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.stream.Collectors;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.projector.core.ProjectorStats;

/** One line of what the bridge is doing, printed every few seconds by {@code run} and {@code demo}. */
final class ProgressLine {

    private long lastChanges;
    private long lastNanos = System.nanoTime();

    void print(PrintStream out, Bridge bridge) {
        ProjectorStats stats = bridge.stats();
        long now = System.nanoTime();
        long changes = stats.changes();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        double rate = (changes - lastChanges) / seconds;
        lastChanges = changes;
        lastNanos = now;
        Map<String, Long> documents = bridge.documentCounts();
        out.printf("changes %,d (%,.0f/s) | lag %,d ms | documents %s | dead letters %d | slot holds %s%n",
                changes, rate, stats.lastLag().toMillis(),
                documents.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")),
                bridge.deadLetterCount(), bytes(bridge.slotLagBytes()));
    }

    private static String bytes(long bytes) {
        if (bytes < 0) {
            return "n/a";
        }
        return bytes < 1024 * 1024 ? String.format("%,d KiB", bytes / 1024) : String.format("%,.1f MiB", bytes / (1024.0 * 1024));
    }
}
