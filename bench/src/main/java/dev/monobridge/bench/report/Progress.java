package dev.monobridge.bench.report;

import java.util.List;

import dev.monobridge.bench.measure.DocumentSizeSampler;
import dev.monobridge.bench.measure.MeasuringSink.ProgressPoint;

/** Bytes per change over stretches of a run's stream, read from its batch-by-batch progress. */
final class Progress {

    private Progress() {
    }

    /** Streamed changes the run applied in all. */
    static long total(List<ProgressPoint> points) {
        return points.isEmpty() ? 0 : points.get(points.size() - 1).changes();
    }

    /**
     * Bytes sent per change between two change counts, widened to the nearest batch boundaries; NaN
     * when the run has no progress there.
     */
    static double bytesSentPerChange(List<ProgressPoint> points, long from, long to) {
        ProgressPoint start = null;
        ProgressPoint end = null;
        for (ProgressPoint point : points) {
            if (point.changes() <= from) {
                start = point;
            }
            if (end == null && point.changes() >= to) {
                end = point;
            }
        }
        if (end == null && !points.isEmpty()) {
            end = points.get(points.size() - 1);
        }
        long startChanges = start == null ? 0 : start.changes();
        long startBytes = start == null ? 0 : start.totals().bytesSent();
        if (end == null || end.changes() <= startChanges) {
            return Double.NaN;
        }
        return (double) (end.totals().bytesSent() - startBytes) / (end.changes() - startChanges);
    }

    /** Bytes sent per change in each tenth of the stream. */
    static double[] deciles(List<ProgressPoint> points) {
        long total = total(points);
        double[] deciles = new double[10];
        for (int d = 0; d < 10; d++) {
            deciles[d] = bytesSentPerChange(points, total * d / 10, total * (d + 1) / 10);
        }
        return deciles;
    }

    /** The streamed changes applied when a sample first saw a document of at least that many bytes; -1 if never. */
    static long changesWhenLargestReached(List<DocumentSizeSampler.Sample> samples, long bytes) {
        for (DocumentSizeSampler.Sample sample : samples) {
            if (sample.sizes().max() >= bytes && sample.changes() > 0) {
                return sample.changes();
            }
        }
        return -1;
    }
}
