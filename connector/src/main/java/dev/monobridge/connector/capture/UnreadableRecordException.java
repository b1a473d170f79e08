package dev.monobridge.connector.capture;

/** A Debezium record that cannot be read as a change: it goes to the dead letters with this reason. */
final class UnreadableRecordException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnreadableRecordException(String message) {
        super(message);
    }

    UnreadableRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
