package dev.monobridge.connector.crash;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The counters a bridge prints on its standard output: {@code run}'s progress line
 * ({@code changes 1,234 (567/s) | ... | stale 89}) and its last line after an orderly stop
 * ({@code stopped: changes 1,234, stale 89}). Numbers are grouped with commas.
 *
 * @param changes changes the projector has been handed by this process
 * @param stale those it ignored as already applied: after a crash, the re-delivered ones
 */
record ProgressCounters(long changes, long stale) {

    private static final Pattern PROGRESS = Pattern.compile("changes ([\\d,]+) \\(.*\\| stale ([\\d,]+)");
    private static final Pattern STOPPED = Pattern.compile("stopped: changes ([\\d,]+), stale ([\\d,]+)");
    private static final Pattern IN_FLIGHT = Pattern.compile("changes .*\\| in flight (\\d+) to project, (\\d+) to write \\|.*");

    /**
     * What the last progress line said of the pipeline: batches the capture handed over and the write stage has
     * not taken (queued, being projected, or projected and waiting for room), and batches the writer holds
     * (queued, or being written).
     */
    record InFlight(int toProject, int toWrite) {

        /** The counts of the last progress line among these, if any. */
        static Optional<InFlight> last(List<String> lines) {
            for (int i = lines.size() - 1; i >= 0; i--) {
                Matcher matcher = IN_FLIGHT.matcher(lines.get(i));
                if (matcher.matches()) {
                    return Optional.of(new InFlight(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))));
                }
            }
            return Optional.empty();
        }

        @Override
        public String toString() {
            return toProject + " batches to project, " + toWrite + " to write";
        }
    }

    /** The counters of the last progress line among these, if any. */
    static Optional<ProgressCounters> lastProgress(List<String> lines) {
        return last(lines, PROGRESS);
    }

    /** The counters of the line printed after an orderly stop, if there is one. */
    static Optional<ProgressCounters> stopped(List<String> lines) {
        return last(lines, STOPPED);
    }

    private static Optional<ProgressCounters> last(List<String> lines, Pattern pattern) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            Matcher matcher = pattern.matcher(lines.get(i));
            if (matcher.matches()) {
                return Optional.of(new ProgressCounters(number(matcher.group(1)), number(matcher.group(2))));
            }
        }
        return Optional.empty();
    }

    private static long number(String grouped) {
        return Long.parseLong(grouped.replace(",", ""));
    }

    @Override
    public String toString() {
        return String.format("changes %,d, stale %,d", changes, stale);
    }
}
