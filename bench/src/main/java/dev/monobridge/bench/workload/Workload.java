package dev.monobridge.bench.workload;

import java.sql.SQLException;

/**
 * Source rows and changes for one benchmark scenario, on the demo schema. A workload is deterministic
 * for its seed: two instances with the same settings write the same rows and make the same changes
 * (apart from timestamps taken from the clock), so every pipeline is measured on the same work.
 *
 * <p>Every statement it issues changes exactly one row (no cascades), so the number of changes the
 * capture will deliver is known exactly.
 */
public interface Workload {

    String name();

    /**
     * Writes the rows present before capture starts, which the capture's snapshot reads.
     *
     * @return rows written to tables the projections read (the snapshot's size)
     */
    long seed(SourceWriter writer) throws SQLException;

    /** Whether changes stream after the snapshot; false for a pure bulk load. */
    boolean streams();

    /**
     * Commits at least {@code changes} row changes (a transaction is never split), each transaction
     * when the pacer says it is due.
     *
     * @return the exact number of row changes committed
     */
    long run(SourceWriter writer, long changes, Pacer pacer) throws SQLException;

    /** The collection whose largest document tells how documents grow under this workload. */
    String growingCollection();
}
