package dev.monobridge.capture.source.mariadb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import dev.monobridge.capture.source.SourceHeartbeat;

/**
 * What the capture needs to know about the MariaDB source. The password is held only here, and
 * {@link #toString()} leaves it out.
 *
 * @param serverId the id Debezium's binlog client joins the source's replication with: unique among
 *     the source's replicas
 * @param schemaHistoryFile where Debezium keeps the captured tables' DDL history, beside the offsets:
 *     without it a restart cannot read the binlog's row events and would have to snapshot again
 * @param heartbeat keeps the offsets moving through the binlog while the captured tables are idle, so that
 *     a restart does not start from a file the server has purged meanwhile
 */
public record MariaDbSource(String host, int port, String database, String user, String password, long serverId,
                            String snapshotMode, List<String> tables, Duration pollInterval, int maxBatchSize,
                            Path schemaHistoryFile, SourceHeartbeat heartbeat) {

    /** The binlog client reads every event, captured table or not, so heartbeats need no statement to move. */
    public static final SourceHeartbeat DEFAULT_HEARTBEAT = new SourceHeartbeat(SourceHeartbeat.DEFAULT_INTERVAL, "");

    public MariaDbSource {
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(schemaHistoryFile, "schemaHistoryFile");
        tables = List.copyOf(tables);
    }

    public String jdbcUrl() {
        return "jdbc:mariadb://" + host + ":" + port + "/" + database;
    }

    /** The schema history's file for an offsets file: beside it, named after it. */
    public static Path schemaHistoryBeside(Path offsetsFile) {
        Path absolute = offsetsFile.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".schema-history");
    }

    @Override
    public String toString() {
        return "MariaDbSource[" + user + "@" + host + ":" + port + "/" + database + ", server id " + serverId
                + ", tables=" + tables + "]";
    }
}
