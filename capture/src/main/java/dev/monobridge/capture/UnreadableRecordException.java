package dev.monobridge.capture;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;

/**
 * A Debezium record that cannot be read as a change: it goes to the dead letters with this reason and
 * whatever of its origin could be read (each part {@code null} when it could not).
 */
public final class UnreadableRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient String table;
    private final transient RowKey key;
    private final transient SourcePosition position;

    UnreadableRecordException(String message, String table, RowKey key, SourcePosition position) {
        this(message, null, table, key, position);
    }

    UnreadableRecordException(String message, Throwable cause, String table, RowKey key, SourcePosition position) {
        super(message, cause);
        this.table = table;
        this.key = key;
        this.position = position;
    }

    public String table() {
        return table;
    }

    public RowKey key() {
        return key;
    }

    public SourcePosition position() {
        return position;
    }

    /** Whether any of the origin (table, key, position) is known. */
    boolean knowsOrigin() {
        return table != null || key != null || position != null;
    }
}
