package dev.monobridge.capture.source.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

/** Reads {@link PostgresSetupFacts} from the catalog, as the bridge's role, on one connection. */
final class PostgresSetupReader {

    /** Where a table named without a schema lives, as PostgreSQL resolves it by default. */
    private static final String DEFAULT_SCHEMA = "public";

    private static final String SERVER = "select current_setting('wal_level'),"
            + " current_setting('max_replication_slots')::int, (select count(*) from pg_replication_slots)::int,"
            + " current_setting('max_wal_senders')::int,"
            + " (select count(*) from pg_stat_activity where backend_type = 'walsender')::int";
    private static final String SLOT_PLUGIN = "select plugin from pg_replication_slots where slot_name = ?";
    private static final String ROLE = "select current_user, r.rolreplication or r.rolsuper, r.rolsuper,"
            + " current_database(), has_database_privilege(current_database(), 'CREATE')"
            + " from pg_roles r where r.rolname = current_user";
    private static final String TABLE = "select has_table_privilege(c.oid, 'SELECT'), pg_has_role(c.relowner, 'USAGE')"
            + " from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = ? and c.relname = ?";
    private static final String PUBLICATION = "select puballtables, pg_has_role(pubowner, 'USAGE') from pg_publication where pubname = ?";
    private static final String PUBLICATION_TABLES = "select schemaname || '.' || tablename from pg_publication_tables where pubname = ?";

    private final DataSource pool;
    private final PostgresSource source;

    PostgresSetupReader(DataSource pool, PostgresSource source) {
        this.pool = pool;
        this.source = source;
    }

    PostgresSetupFacts read(List<String> captured) {
        try (Connection connection = pool.getConnection();
             PreparedStatement server = connection.prepareStatement(SERVER);
             ResultSet settings = server.executeQuery();
             PreparedStatement role = connection.prepareStatement(ROLE);
             ResultSet grants = role.executeQuery()) {
            settings.next();
            grants.next();
            return new PostgresSetupFacts(settings.getString(1), settings.getInt(2), settings.getInt(3), settings.getInt(4),
                    settings.getInt(5), slotPlugin(connection), grants.getString(1), grants.getBoolean(2), grants.getBoolean(3),
                    grants.getString(4), grants.getBoolean(5), tables(connection, captured), publication(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the source's setup for capture: " + e.getMessage(), e);
        }
    }

    private Optional<String> slotPlugin(Connection connection) throws SQLException {
        try (PreparedStatement sql = connection.prepareStatement(SLOT_PLUGIN)) {
            sql.setString(1, source.slot());
            try (ResultSet rs = sql.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static Map<String, PostgresSetupFacts.Table> tables(Connection connection, List<String> captured) throws SQLException {
        Map<String, PostgresSetupFacts.Table> tables = new LinkedHashMap<>();
        try (PreparedStatement sql = connection.prepareStatement(TABLE)) {
            for (String table : captured) {
                int dot = table.indexOf('.');
                sql.setString(1, dot < 0 ? DEFAULT_SCHEMA : table.substring(0, dot));
                sql.setString(2, table.substring(dot + 1));
                try (ResultSet rs = sql.executeQuery()) {
                    if (rs.next()) {
                        tables.put(table, new PostgresSetupFacts.Table(rs.getBoolean(1), rs.getBoolean(2)));
                    }
                }
            }
        }
        return tables;
    }

    private Optional<PostgresSetupFacts.Publication> publication(Connection connection) throws SQLException {
        boolean allTables;
        boolean owned;
        try (PreparedStatement sql = connection.prepareStatement(PUBLICATION)) {
            sql.setString(1, source.publication());
            try (ResultSet rs = sql.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                allTables = rs.getBoolean(1);
                owned = rs.getBoolean(2);
            }
        }
        Set<String> tables = new HashSet<>();
        try (PreparedStatement sql = connection.prepareStatement(PUBLICATION_TABLES)) {
            sql.setString(1, source.publication());
            try (ResultSet rs = sql.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        return Optional.of(new PostgresSetupFacts.Publication(allTables, tables, owned));
    }
}
