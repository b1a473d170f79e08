package dev.monobridge.projector.core;

/**
 * A change the projector must not apply, with a reason written for an operator: its message becomes
 * the dead letter's reason as it is. Thrown before any state changes, so that the change leaves no
 * trace but its dead letter.
 */
final class UnprojectableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnprojectableException(String reason) {
        super(reason);
    }
}
