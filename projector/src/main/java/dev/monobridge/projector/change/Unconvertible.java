package dev.monobridge.projector.change;

import java.util.Objects;

/**
 * A column value the capture could not turn into a plain Java value, with the reason. Like
 * {@link Unavailable}, it stands in the row image in place of the value, so that a bad value in a column
 * no projection reads costs nothing: the projector ignores unread columns. A change whose read columns
 * hold one becomes a dead letter with this reason; it is never written into a document.
 *
 * @param reason what the value was and why it could not be converted, in words an operator can act on
 */
public record Unconvertible(String reason) {

    public Unconvertible {
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return "<unconvertible: " + reason + ">";
    }
}
