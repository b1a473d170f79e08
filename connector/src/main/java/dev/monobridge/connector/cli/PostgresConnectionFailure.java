package dev.monobridge.connector.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Optional;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * One line for a failure to connect to the PostgreSQL source: what was tried, what went wrong and what
 * to check. PostgreSQL sorts its refusals by SQLSTATE; those of class 08 (connection), 28 (authorization),
 * 3D000 (no such database), 53300 (too many connections) and 57P03 (starting up) are connection
 * failures, everything else is not.
 */
final class PostgresConnectionFailure {

    private static final String CHECK_ADDRESS = "check source.host and source.port, and that PostgreSQL is running and "
            + "accepts TCP connections there";

    private PostgresConnectionFailure() {
    }

    static Optional<String> explain(SQLException failure, Optional<ConnectionTargets.Source> source) {
        String state = failure.getSQLState();
        if (state == null || !isConnectionFailure(state)) {
            return Optional.empty();
        }
        String tried = "cannot connect to PostgreSQL" + source.map(s -> " at " + s.describe()).orElse("");
        String user = source.map(ConnectionTargets.Source::user).orElse("the user");
        String hint = switch (state) {
            case "28P01" -> "check the password in " + source.map(ConnectionTargets.Source::passwordFrom)
                    .orElse("$MONOBRIDGE_SOURCE_PASSWORD (source.password-env) or source.password-file");
            case "28000" -> serverText(failure).contains("pg_hba.conf")
                    ? "allow " + user + " to connect from this host in the server's pg_hba.conf"
                    : "check source.user, and that the role exists and may LOGIN";
            case "3D000" -> "check source.database, and that the database exists on this server";
            case "53300" -> "the server has no free connection: raise max_connections or close idle sessions";
            case "57P03" -> "the server is starting or stopping: try again in a moment";
            default -> CHECK_ADDRESS;
        };
        return Optional.of(tried + ": " + reason(failure) + "; " + hint);
    }

    private static boolean isConnectionFailure(String state) {
        return state.startsWith("08") || state.startsWith("28") || state.equals("3D000") || state.equals("53300")
                || state.equals("57P03");
    }

    /** The network's reason when there is one, else what the server said, else the driver's words. */
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
        String text = serverText(failure);
        return text.isEmpty() ? String.valueOf(failure.getMessage()) : text;
    }

    private static String serverText(SQLException failure) {
        if (failure instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            if (server != null && server.getMessage() != null) {
                return server.getMessage();
            }
        }
        return "";
    }
}
