package dev.monobridge.connector.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.projector.core.ProjectorStats;

/**
 * One line of what the bridge is doing, printed every few seconds by {@code run} and {@code demo}.
 *
 * <p>Supervising processes (the crash test, say) read the counters from it: the line is printed in
 * {@link Locale#ROOT}, so that numbers are grouped with commas whatever the machine's locale, and
 * {@code | stale N} stays its last field.
 */
final class ProgressLine {

    private long lastChanges;
    private long lastNanos = System.nanoTime();

    void print(PrintStream out, Bridge bridge) {
        ProjectorStats stats = bridge.stats();
        long now = System.nanoTime();
        // Read together, before the slower MongoDB and PostgreSQL queries below, so that they agree.
        long changes = stats.changes();
        long stale = stats.stale();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        double rate = (changes - lastChanges) / seconds;
        lastChanges = changes;
        lastNanos = now;
        Map<String, Long> documents = bridge.documentCounts();
        // Stale changes are those ignored as already applied: after a crash, the re-delivered ones.
        // Batches in the pipeline: handed over by the capture and not yet projected, and projected and not yet stored.
        out.printf(Locale.ROOT, "changes %,d (%,.0f/s) | lag %,d ms | documents %s | dead letters %d | log kept %s"
                        + " | in flight %d to project, %d to write | stale %,d%n",
                changes, rate, stats.lastLag().toMillis(),
                documents.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")),
                bridge.deadLetterCount(), bytes(bridge.sourceLagBytes()), stats.batchesToProject(), stats.batchesToWrite(), stale);
    }

    /** The last line of an orderly stop: the totals of this run. */
    static void printStopped(PrintStream out, ProjectorStats stats) {
        out.printf(Locale.ROOT, "stopped: changes %,d, stale %,d%n", stats.changes(), stats.stale());
    }

    private static String bytes(long bytes) {
        if (bytes < 0) {
            return "n/a";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%,d KiB", bytes / 1024)
                : String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024));
    }
}
