package dev.monobridge.capture.source;

/**
 * How far the source's log runs ahead of what capture has confirmed, as the source measures it: WAL a
 * PostgreSQL replication slot holds; for a binlog source, how far behind the binlog head.
 */
@FunctionalInterface
public interface LagProbe {

    /**
     * Bytes of log the source keeps for capture; -1 when it keeps none yet (no slot created).
     *
     * @throws IllegalStateException when the source cannot be asked
     */
    long retainedBytes();
}
