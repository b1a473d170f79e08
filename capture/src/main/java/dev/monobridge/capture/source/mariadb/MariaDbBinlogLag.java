package dev.monobridge.capture.source.mariadb;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import javax.sql.DataSource;

import dev.monobridge.capture.source.LagProbe;
import dev.monobridge.projector.change.SourcePosition;

/**
 * How far the binlog's head is beyond the newest position applied: the bytes of every binlog file after
 * the applied one, and of the applied one after the applied offset. The binlog keeps no record of its
 * readers, so the position comes from the projector.
 */
final class MariaDbBinlogLag implements LagProbe {

    private final DataSource dataSource;
    private final Supplier<SourcePosition> applied;

    MariaDbBinlogLag(DataSource dataSource, Supplier<SourcePosition> applied) {
        this.dataSource = dataSource;
        this.applied = applied;
    }

    /** -1 while nothing has been applied yet. */
    @Override
    public long retainedBytes() {
        SourcePosition position = applied.get();
        if (position.equals(SourcePosition.ZERO)) {
            return -1;
        }
        long appliedFile = MariaDbPositions.fileNumberOf(position.commit());
        long appliedOffset = MariaDbPositions.offsetOf(position.commit());
        long behind = 0;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("show binary logs")) {
            while (rs.next()) {
                long file = MariaDbPositions.fileNumber(rs.getString(1));
                long size = rs.getLong(2);
                if (file == appliedFile) {
                    behind += Math.max(0, size - appliedOffset);
                } else if (file > appliedFile) {
                    behind += size;
                }
            }
            return behind;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read how far the binlog runs ahead: " + e.getMessage(), e);
        }
    }
}
