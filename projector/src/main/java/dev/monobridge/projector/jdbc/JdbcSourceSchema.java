package dev.monobridge.projector.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import dev.monobridge.projector.definition.SourceSchema;

/** The source's tables and columns, read from JDBC metadata; each table is looked up once. */
public final class JdbcSourceSchema implements SourceSchema {

    private final DataSource dataSource;
    private final Map<String, Optional<Set<String>>> cache = new HashMap<>();

    public JdbcSourceSchema(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<Set<String>> columns(String table) {
        return cache.computeIfAbsent(table, this::read);
    }

    private Optional<Set<String>> read(String qualified) {
        int dot = qualified.indexOf('.');
        String schema = qualified.substring(0, dot);
        String table = qualified.substring(dot + 1);
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            Set<String> columns = new LinkedHashSet<>();
            try (ResultSet rs = metadata.getColumns(null, schema, table, null)) {
                while (rs.next()) {
                    columns.add(rs.getString("COLUMN_NAME"));
                }
            }
            return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the columns of " + qualified + ": " + e.getMessage(), e);
        }
    }
}
