package dev.monobridge.connector.logging;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/** Changes a logger's level at run time: for tools built on the command line (the benchmark), which log less. */
public final class LoggerLevels {

    private LoggerLevels() {
    }

    /**
     * @param logger a logger's name, or {@link org.slf4j.Logger#ROOT_LOGGER_NAME}
     * @param level  {@code trace}, {@code debug}, {@code info}, {@code warn}, {@code error} or {@code off}
     */
    public static void set(String logger, String level) {
        if (LoggerFactory.getLogger(logger) instanceof Logger configurable) {
            configurable.setLevel(Level.toLevel(level));
        }
    }
}
