package dev.monobridge.connector.crash;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code monobridge run} in a child JVM, on the test's class path, so that it can be killed with
 * SIGKILL while PostgreSQL and MongoDB, in the test's JVM, live on. Its standard output and error go
 * to files ({@code NAME.out}, {@code NAME.err}) that stay after the test. They are read back for the
 * counters of its progress lines, and for where Debezium is: the child logs Debezium's snapshot steps
 * and the start of streaming, which its logging configuration otherwise hides.
 *
 * <p>Lifecycle: {@link #start}, then {@link #kill} or {@link #stop}. {@link #close} kills the child if
 * it still runs, so that a failing test leaves no JVM behind.
 */
final class BridgeProcess implements AutoCloseable {

    /** What a JVM killed by SIGKILL exits with on Linux: 128 + signal 9. */
    static final int KILLED_BY_SIGKILL = 128 + 9;
    /**
     * What a JVM exits with after an orderly shutdown that SIGTERM started: the JVM's signal handler
     * exits with 128 + 15 once the shutdown hooks have returned, whatever {@code main} returns.
     */
    static final int STOPPED_BY_SIGTERM = 128 + 15;

    private static final String SNAPSHOTTING = "Snapshot step 7 - Snapshotting data";
    private static final String SNAPSHOT_ENDED = "Snapshot ended";
    private static final String STREAMING = "Starting streaming";
    private static final Pattern SNAPSHOT_TABLE_DONE = Pattern.compile("Finished exporting (\\d+) records for table");

    private final String name;
    private final Process process;
    private final Path out;
    private final Path err;

    private BridgeProcess(String name, Process process, Path out, Path err) {
        this.name = name;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code monobridge run --config CONFIG --progress-interval 1}.
     *
     * @param environment added to this JVM's environment, from which every {@code MONOBRIDGE_*}
     *     variable is removed first: a stray {@code MONOBRIDGE_MONGO_URI} would redirect the child
     */
    static BridgeProcess start(String name, Path config, Map<String, String> environment, Path logDirectory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        // Logback's own option: the command line's levels, plus Debezium's snapshot and streaming phases at INFO,
        // which this class waits for (src/test/resources/crash-logback.xml).
        command.add("-Dlogback.configurationFile=crash-logback.xml");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.monobridge.connector.cli.MonobridgeCommand", "run",
                "--config", config.toAbsolutePath().toString(), "--progress-interval", "1"));
        Path out = logDirectory.resolve(name + ".out");
        Path err = logDirectory.resolve(name + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("MONOBRIDGE_"));
        builder.environment().putAll(environment);
        try {
            Files.createDirectories(logDirectory);
            return new BridgeProcess(name, builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Waits until Debezium starts exporting the given table (counted from 1) of its snapshot. */
    void awaitSnapshotExport(int table, int tables, Duration timeout) {
        awaitOutput(timeout, "Exporting data from table '", "(" + table + " of " + tables + " tables)");
    }

    /** Waits until the engine reads the source: it starts a snapshot, or streams. */
    void awaitReading(Duration timeout) {
        await(name + " reads the source").atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> printed(SNAPSHOTTING) || printed(STREAMING) || !requireAlive());
    }

    /** Waits until the engine streams: the snapshot, if it takes one, is read. */
    void awaitStreaming(Duration timeout) {
        await(name + " streams").atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> printed(STREAMING) || !requireAlive());
    }

    /**
     * Waits until a progress line shows at least this many batches at each stage of the pipeline, and returns
     * that line's counts. The child prints one a second; the caller acts on it within a poll of 20 ms.
     */
    ProgressCounters.InFlight awaitInFlight(int toProject, int toWrite, Duration timeout) {
        return await(name + " holds at least " + toProject + " batches to project and " + toWrite + " to write")
                .atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> requireAlive() ? ProgressCounters.InFlight.last(lines(out)).orElse(null) : null,
                        inFlight -> inFlight != null && inFlight.toProject() >= toProject && inFlight.toWrite() >= toWrite);
    }

    /** Lets the child run for this long; fails if it exits by itself meanwhile. */
    void runFor(Duration duration) throws InterruptedException {
        if (process.waitFor(duration.toMillis(), TimeUnit.MILLISECONDS)) {
            requireAlive();
        }
    }

    /** Where Debezium is, from what it has logged. */
    String phase() {
        if (printed(STREAMING)) {
            return "Debezium streams";
        }
        if (printed(SNAPSHOTTING)) {
            return printed(SNAPSHOT_ENDED) ? "Debezium has read its snapshot, not yet streaming" : "Debezium takes its snapshot";
        }
        return "the engine starts";
    }

    /** Whether the child's engine took a snapshot (rather than resume from saved offsets). */
    boolean tookSnapshot() {
        return printed(SNAPSHOTTING);
    }

    /** Rows the child's snapshot has exported so far, from Debezium's log. */
    long snapshotRows() {
        long rows = 0;
        for (String line : lines(err)) {
            Matcher matcher = SNAPSHOT_TABLE_DONE.matcher(line);
            if (matcher.find()) {
                rows += Long.parseLong(matcher.group(1));
            }
        }
        return rows;
    }

    /** The counters of the last progress line the child printed, if any. */
    Optional<ProgressCounters> lastProgress() {
        return ProgressCounters.lastProgress(lines(out));
    }

    /** The counters the child printed as it stopped in order, if it did. */
    Optional<ProgressCounters> stopped() {
        return ProgressCounters.stopped(lines(out));
    }

    /** Sends SIGKILL ({@link Process#destroyForcibly()} does on Linux) and returns the exit value once the child is gone. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + pid() + ") still runs 30 s after SIGKILL");
        }
        return process.exitValue();
    }

    /** Sends SIGTERM ({@link Process#destroy()}), waits up to the timeout and returns the exit value; fails if it is not gone by then. */
    int stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(name + " (pid " + pid() + ") did not stop within " + timeout + " of SIGTERM\n" + tail(40));
        }
        return process.exitValue();
    }

    /**
     * Fails if the child has exited, else returns true. Not with an {@link AssertionError}, so that
     * Awaitility gives up at once instead of waiting for a dead process.
     */
    boolean requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited by itself with " + process.exitValue() + "\n" + tail(40));
        }
        return true;
    }

    /** The last lines of the child's output and log, to explain a failure. */
    String tail(int count) {
        return "--- last lines of " + out + "\n" + String.join("\n", last(lines(out), count))
                + "\n--- last lines of " + err + "\n" + String.join("\n", last(lines(err), count));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitOutput(Duration timeout, String... fragments) {
        await(name + " logs " + String.join("...", fragments)).atMost(timeout).pollInterval(Duration.ofMillis(20))
                .until(() -> lines(err).stream().anyMatch(line -> containsAll(line, fragments)) || !requireAlive());
    }

    private boolean printed(String fragment) {
        return lines(err).stream().anyMatch(line -> line.contains(fragment));
    }

    private static boolean containsAll(String line, String... fragments) {
        for (String fragment : fragments) {
            if (!line.contains(fragment)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> last(List<String> lines, int count) {
        return lines.subList(Math.max(0, lines.size() - count), lines.size());
    }

    private static List<String> lines(Path file) {
        try {
            // The child may be writing: a torn last line only fails to match, and is read whole next time.
            return Files.exists(file) ? List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n")) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
