package dev.monobridge.connector.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One line for a failed connection to a MariaDB source, with what to check, by MariaDB's error code: a
 * refused or unreachable server, a denied login, an unknown database, no free connection. Everything
 * else is not a connection failure.
 */
final class MariaDbConnectionFailure {

    /** ER_ACCESS_DENIED_ERROR: a wrong password, or no such user for this host. */
    private static final int ACCESS_DENIED = 1045;
    /** ER_BAD_DB_ERROR. */
    private static final int UNKNOWN_DATABASE = 1049;
    /** ER_CON_COUNT_ERROR. */
    private static final int TOO_MANY_CONNECTIONS = 1040;
    /** ER_HOST_NOT_PRIVILEGED: the user may not connect from this host. */
    private static final int HOST_NOT_ALLOWED = 1130;

    private static final String CHECK_ADDRESS = "check source.host and source.port, and that MariaDB is running and "
            + "accepts TCP connections there";

    private MariaDbConnectionFailure() {
    }

    static Optional<String> explain(SQLException failure, Optional<ConnectionTargets.Source> source) {
        String tried = "cannot connect to MariaDB" + source.map(s -> " at " + s.describe()).orElse("");
        String user = source.map(ConnectionTargets.Source::user).orElse("the user");
        String hint = switch (failure.getErrorCode()) {
            case ACCESS_DENIED -> "check source.user and the password in " + source.map(ConnectionTargets.Source::passwordFrom)
                    .orElse("$MONOBRIDGE_SOURCE_PASSWORD (source.password-env) or source.password-file");
            case HOST_NOT_ALLOWED -> "allow " + user + " to connect from this host (CREATE USER '" + user + "'@'%' ...)";
            case UNKNOWN_DATABASE -> "check source.database, and that the database exists on this server";
            case TOO_MANY_CONNECTIONS -> "the server has no free connection: raise max_connections or close idle sessions";
            default -> failure.getSQLState() != null && failure.getSQLState().startsWith("08") ? CHECK_ADDRESS : null;
        };
        return hint == null ? Optional.empty() : Optional.of(tried + ": " + reason(failure) + "; " + hint);
    }

    /** The network's reason when there is one, else the driver's words (which carry the server's). */
    private static String reason(SQLException failure) {
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof UnknownHostException) {
                return "unknown host";
            }
            if (cause instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (cause instanceof SocketTimeoutException) {
                return "timed out";
            }
        }
        return String.valueOf(failure.getMessage());
    }
}
