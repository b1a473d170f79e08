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

    private final DataSource pool;
    private final PostgresSource source;

    PostgresSetupReader(DataSource pool, PostgresSource source) {
        this.pool = pool;
        this.source = source;
    }

    PostgresSetupFacts read(List<String> captured) {
        try (Connection connection = pool.getConnection()) {
            String walLevel;
            int maxSlots;
            int slots;
            int maxSenders;
            int senders;
            try (PreparedStatement sql = connection.prepareStatement("select current_setting('wal_level'),"
                    + " current_setting('max_replication_slots')::int, (select count(*) from pg_replication_slots)::int,"
                    + " current_setting('max_wal_senders')::int,"
                    + " (select count(*) from pg_stat_activity where backend_type = 'walsender')::int");
                 ResultSet rs = sql.executeQuery()) {
                rs.next();
                walLevel = rs.getString(1);
                maxSlots = rs.getInt(2);
                slots = rs.getInt(3);
                maxSenders = rs.getInt(4);
                senders = rs.getInt(5);
            }
            Optional<String> plugin = Optional.empty();
            try (PreparedStatement sql = connection.prepareStatement("select plugin from pg_replication_slots where slot_name = ?")) {
                sql.setString(1, source.slot());
                try (ResultSet rs = sql.executeQuery()) {
                    if (rs.next()) {
                        plugin = Optional.ofNullable(rs.getString(1));
                    }
                }
            }
            String role;
            boolean canReplicate;
            boolean superuser;
            String database;
            boolean canCreate;
            try (PreparedStatement sql = connection.prepareStatement("select current_user, r.rolreplication or r.rolsuper, r.rolsuper,"
                    + " current_database(), has_database_privilege(current_database(), 'CREATE')"
                    + " from pg_roles r where r.rolname = current_user");
                 ResultSet rs = sql.executeQuery()) {
                rs.next();
                role = rs.getString(1);
                canReplicate = rs.getBoolean(2);
                superuser = rs.getBoolean(3);
                database = rs.getString(4);
                canCreate = rs.getBoolean(5);
            }
            Map<String, PostgresSetupFacts.Table> tables = new LinkedHashMap<>();
            try (PreparedStatement sql = connection.prepareStatement("select has_table_privilege(c.oid, 'SELECT'),"
                    + " pg_has_role(c.relowner, 'USAGE') from pg_class c join pg_namespace n on n.oid = c.relnamespace"
                    + " where n.nspname = ? and c.relname = ?")) {
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
            return new PostgresSetupFacts(walLevel, maxSlots, slots, maxSenders, senders, plugin, role, canReplicate, superuser,
                    database, canCreate, tables, publication(connection));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the source's setup for capture: " + e.getMessage(), e);
        }
    }

    private Optional<PostgresSetupFacts.Publication> publication(Connection connection) throws SQLException {
        boolean allTables;
        boolean owned;
        try (PreparedStatement sql = connection.prepareStatement(
                "select puballtables, pg_has_role(pubowner, 'USAGE') from pg_publication where pubname = ?")) {
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
        try (PreparedStatement sql = connection.prepareStatement(
                "select schemaname || '.' || tablename from pg_publication_tables where pubname = ?")) {
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
