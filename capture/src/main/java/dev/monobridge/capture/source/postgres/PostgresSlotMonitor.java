package dev.monobridge.capture.source.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import dev.monobridge.capture.source.LagProbe;

/**
 * Reports how much WAL the replication slot holds on the source's disk. While the bridge is down or
 * behind, PostgreSQL keeps every WAL segment the slot has not confirmed: left alone, it fills the
 * legacy database's disk.
 */
final class PostgresSlotMonitor implements LagProbe {

    private final DataSource dataSource;
    private final String slot;

    PostgresSlotMonitor(DataSource dataSource, String slot) {
        this.dataSource = dataSource;
        this.slot = slot;
    }

    /** Bytes between the server's current WAL position and the slot's confirmed position; -1 without a slot. */
    @Override
    public long retainedBytes() {
        String sql = "select pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint"
                + " from pg_replication_slots where slot_name = ?";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, slot);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the lag of slot " + slot + ": " + e.getMessage(), e);
        }
    }
}
