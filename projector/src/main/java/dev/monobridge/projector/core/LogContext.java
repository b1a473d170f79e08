package dev.monobridge.projector.core;

import java.util.Collections;
import java.util.Map;

import org.slf4j.MDC;

/**
 * The {@link LogFields} of the thread that hands a batch on, carried with it to the thread that works on
 * it next. slf4j's MDC belongs to one thread, and the pipeline projects and stores a batch on threads of
 * its own: without this, a line logged while a batch is stored would not name the batch.
 */
record LogContext(Map<String, String> fields) {

    private static final LogContext NONE = new LogContext(Map.of());

    /** The calling thread's fields, as of now. */
    static LogContext current() {
        // Already a copy of the thread's own map, which goes on changing.
        Map<String, String> fields = MDC.getCopyOfContextMap();
        return fields == null || fields.isEmpty() ? NONE : new LogContext(Collections.unmodifiableMap(fields));
    }

    /** Makes these the calling thread's fields, until {@link #leave()}. */
    void enter() {
        if (fields.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(fields);
        }
    }

    /** The calling thread logs without fields again. */
    static void leave() {
        MDC.clear();
    }
}
