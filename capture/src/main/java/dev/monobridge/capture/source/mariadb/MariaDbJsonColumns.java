package dev.monobridge.capture.source.mariadb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

/**
 * The captured tables' JSON columns, from MariaDB's catalogue: MariaDB's JSON is LONGTEXT with the check
 * {@code json_valid(`column`)} it adds itself, which {@code information_schema.check_constraints} lists.
 */
final class MariaDbJsonColumns {

    private MariaDbJsonColumns() {
    }

    /** {@code db.table.column} of each JSON column of the tables ({@code db.table}). */
    static Set<String> read(DataSource dataSource, List<String> tables) {
        Set<String> columns = new TreeSet<>();
        String sql = "select c.column_name from information_schema.columns c join information_schema.check_constraints k"
                + " on k.constraint_schema = c.table_schema and k.table_name = c.table_name"
                + " and k.check_clause = concat('json_valid(`', c.column_name, '`)')"
                + " where c.table_schema = ? and c.table_name = ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (String table : tables) {
                int dot = table.indexOf('.');
                statement.setString(1, table.substring(0, dot));
                statement.setString(2, table.substring(dot + 1));
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        columns.add(table + "." + rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the JSON columns of " + tables + ": " + e.getMessage(), e);
        }
        return columns;
    }
}
