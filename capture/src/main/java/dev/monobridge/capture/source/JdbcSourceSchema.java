package dev.monobridge.capture.source;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import dev.monobridge.projector.definition.SourceSchema;

/**
 * The source's tables, columns and column types, read from JDBC metadata; each table is looked up once.
 * Tables are qualified ({@code qualifier.table}) by the JDBC schema, or, for a database whose driver
 * names its databases as catalogs and has no schema level (MariaDB), by the catalog.
 */
public final class JdbcSourceSchema implements SourceSchema {

    private final DataSource dataSource;
    private final boolean qualifiedByCatalog;
    private final Map<String, Optional<Map<String, ColumnType>>> cache = new HashMap<>();
    private Set<String> tables;

    /** Tables qualified by their JDBC schema. */
    public JdbcSourceSchema(DataSource dataSource) {
        this(dataSource, false);
    }

    private JdbcSourceSchema(DataSource dataSource, boolean qualifiedByCatalog) {
        this.dataSource = dataSource;
        this.qualifiedByCatalog = qualifiedByCatalog;
    }

    /** Tables qualified by their JDBC catalog: the database, where there is no schema level. */
    public static JdbcSourceSchema qualifiedByCatalog(DataSource dataSource) {
        return new JdbcSourceSchema(dataSource, true);
    }

    @Override
    public Optional<Set<String>> columns(String table) {
        return table(table).map(Map::keySet);
    }

    /** Every table and view the role can see, as {@code schema.table} (or {@code catalog.table}), read once: for the "did you mean" of a misspelled one. */
    @Override
    public Set<String> tables() {
        if (tables == null) {
            Set<String> names = new TreeSet<>();
            try (Connection connection = dataSource.getConnection();
                 ResultSet rs = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE", "VIEW", "PARTITIONED TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString(qualifiedByCatalog ? "TABLE_CAT" : "TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot list the source's tables: " + e.getMessage(), e);
            }
            tables = Set.copyOf(names);
        }
        return tables;
    }

    @Override
    public Optional<ColumnType> type(String table, String column) {
        return table(table).map(columns -> columns.get(column));
    }

    private Optional<Map<String, ColumnType>> table(String table) {
        return cache.computeIfAbsent(table, this::read);
    }

    private Optional<Map<String, ColumnType>> read(String qualified) {
        int dot = qualified.indexOf('.');
        String schema = qualified.substring(0, dot);
        String table = qualified.substring(dot + 1);
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metadata = connection.getMetaData();
            Map<String, ColumnType> columns = new LinkedHashMap<>();
            try (ResultSet rs = qualifiedByCatalog ? metadata.getColumns(schema, null, table, null)
                    : metadata.getColumns(null, schema, table, null)) {
                while (rs.next()) {
                    int type = rs.getInt("DATA_TYPE");
                    // What the snapshot readers and the capture turn into an Instant: timestamps with and without zone.
                    boolean isTimestamp = type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE;
                    columns.put(rs.getString("COLUMN_NAME"), new ColumnType(rs.getString("TYPE_NAME"), isTimestamp));
                }
            }
            return columns.isEmpty() ? Optional.empty() : Optional.of(columns);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the columns of " + qualified + ": " + e.getMessage(), e);
        }
    }
}
