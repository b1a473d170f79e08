package dev.monobridge.capture.source.postgres;

import org.apache.kafka.connect.data.Struct;

import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.SourcePosition;

/**
 * Reads a comparable {@link SourcePosition} from the {@code source} block of a PostgreSQL change event.
 *
 * <p>A change's own LSN does not order changes: transactions interleave in the WAL but are decoded in
 * commit order, so a later transaction can carry smaller LSNs. Debezium's {@code sequence} field,
 * {@code ["lastCommitLsn", "lsn"]}, does: the first element moves forward with each commit decoded,
 * and the second orders the changes inside one transaction.
 *
 * <p>Snapshot reads all carry the snapshot's LSN. They get event 0, so that any streamed change
 * committed after the snapshot point orders after every snapshot read.
 *
 * <p>The first transaction streamed after a snapshot has no last commit yet ({@code [null, lsn]}), and
 * may have begun before the snapshot point: PostgreSQL streams every transaction that commits after it,
 * including ones whose first changes were logged earlier. Ordered by its own LSNs, such a transaction
 * would sort before the snapshot's reads and be dropped as stale. It committed after the snapshot point,
 * so it is placed there: at the highest snapshot LSN this reader has seen, ordered inside by LSN.
 * Not thread-safe: one reader per stream of events.
 */
final class PostgresPositions {

    /** The highest LSN of a snapshot read seen so far: what a transaction without a last commit follows. */
    private long snapshotLsn;

    SourcePosition of(Struct source, Op op) {
        long lsn = source.getInt64("lsn");
        if (op == Op.READ) {
            snapshotLsn = Math.max(snapshotLsn, lsn);
            return new SourcePosition(lsn, 0);
        }
        Long lastCommit = lastCommitLsn(source);
        return new SourcePosition(lastCommit == null ? Math.max(lsn, snapshotLsn) : lastCommit, lsn);
    }

    private static Long lastCommitLsn(Struct source) {
        if (source.schema().field("sequence") == null) {
            return null;
        }
        String sequence = source.getString("sequence");
        if (sequence == null) {
            return null;
        }
        // A JSON array of two strings or nulls, e.g. ["24023128","24023160"].
        String inner = sequence.trim();
        if (!inner.startsWith("[") || !inner.endsWith("]")) {
            throw new IllegalArgumentException("unexpected sequence " + sequence);
        }
        String first = inner.substring(1, inner.length() - 1).split(",", -1)[0].trim();
        if (first.equals("null") || first.isEmpty()) {
            return null;
        }
        return Long.parseLong(first.replace("\"", ""));
    }
}
