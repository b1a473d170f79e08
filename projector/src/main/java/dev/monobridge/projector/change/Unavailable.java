package dev.monobridge.projector.change;

/**
 * A column value the source did not send. PostgreSQL leaves an unchanged TOASTed column out of an
 * update unless the table has {@code REPLICA IDENTITY FULL}, and Debezium fills the gap with a
 * placeholder. Capture adapters replace that placeholder with this marker, so that the projector keeps
 * the previous value instead of writing the placeholder into a document.
 */
public enum Unavailable {
    VALUE;

    @Override
    public String toString() {
        return "<unavailable>";
    }
}
