package dev.monobridge.connector.cli;

import java.sql.SQLException;
import java.util.Optional;

import com.mongodb.MongoException;

import dev.monobridge.connector.config.Settings;

/**
 * Decides, in one place, whether a failure is a failure to connect (to the source or to MongoDB), and
 * if so says it in one line. The answer comes from the first SQL or MongoDB exception in the chain of
 * causes that names a connection failure, whatever wrapped it (HikariCP's pool, the engine, the projector).
 */
final class ConnectionFailures {

    /** Deeper chains than this are not followed; a cycle in a chain would otherwise never end. */
    private static final int MAX_CAUSES = 32;

    private ConnectionFailures() {
    }

    static Optional<String> explain(Throwable failure, ConnectionTargets targets) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            Optional<String> line = cause instanceof SQLException sql
                    ? targets.source().filter(s -> Settings.MARIADB.equals(s.type())).isPresent()
                            ? MariaDbConnectionFailure.explain(sql, targets.source())
                            : PostgresConnectionFailure.explain(sql, targets.source())
                    : cause instanceof MongoException mongo ? MongoConnectionFailure.explain(mongo, targets.mongo())
                    : Optional.empty();
            if (line.isPresent()) {
                return line;
            }
        }
        return Optional.empty();
    }
}
