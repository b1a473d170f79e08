package dev.monobridge.connector.logging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The levels the command line logs at, in both formats: INFO for Monobridge, WARN for the libraries that are
 * chatty at INFO (Debezium, Kafka, the MongoDB driver, the in-process server, zonky, Hikari, Jetty, Javalin).
 */
final class LogLevels {

    static final String ROOT = "info";

    /** Logger (a package or class) to level, applied in this order: a class after its package. */
    static final Map<String, String> LOGGERS = loggers();

    private static Map<String, String> loggers() {
        Map<String, String> levels = new LinkedHashMap<>();
        levels.put("io.debezium", "warn");
        levels.put("org.apache.kafka", "warn");
        levels.put("org.mongodb.driver", "warn");
        levels.put("de.bwaldvogel", "warn");
        levels.put("io.zonky", "warn");
        levels.put("com.zaxxer.hikari", "warn");
        // Under load this warning floods the log and says nothing actionable.
        levels.put("io.debezium.pipeline.meters", "error");
        // One warning per index the in-process MongoDB creates: it ignores non-unique indexes (see ENVIRONMENT).
        levels.put("de.bwaldvogel.mongo.backend.AbstractMongoDatabase", "error");
        // Jetty and Javalin say about ten lines at INFO on every server start; their warnings still show.
        levels.put("org.eclipse.jetty", "warn");
        levels.put("io.javalin", "warn");
        return Collections.unmodifiableMap(levels);
    }

    private LogLevels() {
    }
}
