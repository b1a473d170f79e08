package dev.monobridge.capture.source.mariadb;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

/**
 * Reads {@link MariaDbSetupFacts} from the server: its binlog variables, the user's global privileges
 * ({@code information_schema.user_privileges}), and whether each captured table that exists can be read
 * (by reading none of its rows, which the server refuses without SELECT).
 */
final class MariaDbSetupReader {

    /** MariaDB's error for a SELECT the user may not run on a table (ER_TABLEACCESS_DENIED_ERROR). */
    private static final int TABLE_ACCESS_DENIED = 1142;
    /** MariaDB's error for a table that does not exist (ER_NO_SUCH_TABLE). */
    private static final int NO_SUCH_TABLE = 1146;

    private final DataSource dataSource;

    MariaDbSetupReader(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    MariaDbSetupFacts read(List<String> capturedTables) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            String user;
            boolean logBin;
            String format;
            String rowImage;
            try (ResultSet rs = statement.executeQuery("select current_user(), @@global.log_bin, @@global.binlog_format, @@global.binlog_row_image")) {
                rs.next();
                user = quotedUser(rs.getString(1));
                logBin = rs.getBoolean(2);
                format = rs.getString(3);
                rowImage = rs.getString(4);
            }
            Set<String> privileges = new HashSet<>();
            try (PreparedStatement privilegesOf = connection.prepareStatement(
                    "select privilege_type from information_schema.user_privileges where grantee = ?")) {
                privilegesOf.setString(1, user);
                try (ResultSet rs = privilegesOf.executeQuery()) {
                    while (rs.next()) {
                        privileges.add(rs.getString(1).toUpperCase(Locale.ROOT));
                    }
                }
            }
            // REPLICATION CLIENT is called BINLOG MONITOR since MariaDB 10.5; either name will do.
            if (privileges.contains("REPLICATION CLIENT")) {
                privileges.add("BINLOG MONITOR");
            }
            Map<String, Boolean> readable = new LinkedHashMap<>();
            for (String table : capturedTables) {
                Boolean canRead = canRead(statement, table);
                if (canRead != null) {
                    readable.put(table, canRead);
                }
            }
            return new MariaDbSetupFacts(user, logBin, format, rowImage, privileges, readable);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the source's setup: " + e.getMessage(), e);
        }
    }

    /** Whether the table can be read; null when it does not exist (left to the schema check). */
    private static Boolean canRead(Statement statement, String table) throws SQLException {
        try (ResultSet rs = statement.executeQuery("select 1 from " + MariaDbSnapshotReader.quoteTable(table) + " limit 0")) {
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == TABLE_ACCESS_DENIED) {
                return false;
            }
            if (e.getErrorCode() == NO_SUCH_TABLE) {
                return null;
            }
            throw e;
        }
    }

    /** {@code name@host} as {@code current_user()} gives it, quoted as grants name it: {@code 'name'@'host'}. */
    private static String quotedUser(String currentUser) {
        int at = currentUser.lastIndexOf('@');
        return "'" + currentUser.substring(0, at) + "'@'" + currentUser.substring(at + 1) + "'";
    }
}
