package dev.monobridge.projector.core;

/**
 * The row-state store could not be read. Not a fault of the change being projected, so never a dead
 * letter: the batch fails, its offsets stay where they are, and a projector re-opened from storage
 * projects it again.
 */
public final class StateReadException extends RuntimeException {

    public StateReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
