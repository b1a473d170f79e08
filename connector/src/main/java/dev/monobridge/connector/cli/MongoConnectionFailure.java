package dev.monobridge.connector.cli;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoConfigurationException;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * One line for a failure to reach MongoDB or to be let in: what was tried, what went wrong and what to
 * check. Other MongoDB errors (a refused write, say) are not connection failures.
 */
final class MongoConnectionFailure {

    /** MongoDB's error codes for "who are you" and "you may not". */
    private static final int UNAUTHORIZED = 13;
    private static final int AUTHENTICATION_FAILED = 18;

    /**
     * The driver describes each server it tried as {@code exception={…}, caused by {java.net.X: reason}};
     * the innermost cause is the one a person can act on.
     */
    private static final Pattern CAUSE = Pattern.compile("(?:caused by |exception=)\\{(?:[\\w.$]+: )?([^}]*)}");

    private MongoConnectionFailure() {
    }

    static Optional<String> explain(MongoException failure, Optional<ConnectionTargets.Mongo> mongo) {
        String at = mongo.map(m -> " at " + m.describe()).orElse("");
        String uriFrom = mongo.map(ConnectionTargets.Mongo::uriFrom).orElse("mongo.uri");
        String user = mongo.map(ConnectionTargets.Mongo::user).orElse(null);
        String checkAddress = "check the hosts in " + uriFrom + ", and that MongoDB is running there";
        if (failure instanceof MongoTimeoutException timeout) {
            return Optional.of("cannot reach MongoDB" + at + ": no server answered in time (" + serverReason(timeout) + "); "
                    + checkAddress);
        }
        if (failure instanceof MongoSecurityException security) {
            return Optional.of("MongoDB" + at + " did not accept the credentials: " + commandReason(security) + "; check the user, password and authSource in " + uriFrom);
        }
        if (failure instanceof MongoCommandException command
                && (command.getErrorCode() == UNAUTHORIZED || command.getErrorCode() == AUTHENTICATION_FAILED)) {
            return Optional.of("MongoDB" + at + " refused " + (user == null ? "an unauthenticated client" : "user " + user)
                    + ": " + command.getErrorMessage() + "; give the user readWrite on "
                    + mongo.map(ConnectionTargets.Mongo::database).orElse("the database") + ", or check " + uriFrom);
        }
        if (failure instanceof MongoSocketException socket) {
            return Optional.of("lost the connection to MongoDB" + at + ": " + socket.getMessage() + "; " + checkAddress);
        }
        if (failure instanceof MongoConfigurationException configuration) {
            return Optional.of("cannot reach MongoDB" + at + ": " + configuration.getMessage() + "; check " + uriFrom);
        }
        return Optional.empty();
    }

    /** The innermost reason the driver gives for the servers it could not use. */
    private static String serverReason(MongoTimeoutException timeout) {
        Matcher matcher = CAUSE.matcher(String.valueOf(timeout.getMessage()));
        String reason = null;
        while (matcher.find()) {
            reason = matcher.group(1);
        }
        return reason == null || reason.isBlank() ? "none matched what the command needs" : reason.strip();
    }

    private static String commandReason(MongoSecurityException security) {
        Throwable cause = security.getCause();
        if (cause instanceof MongoCommandException command) {
            return command.getErrorMessage();
        }
        return cause != null && cause.getMessage() != null ? cause.getMessage() : "authentication failed";
    }
}
