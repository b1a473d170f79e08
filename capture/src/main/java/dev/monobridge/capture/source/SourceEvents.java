package dev.monobridge.capture.source;

import org.apache.kafka.connect.data.Struct;

import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.SourcePosition;

/**
 * What reading one database's change events needs beyond Debezium's common envelope: the table a
 * {@code source} block names, the comparable position it carries, and the database's value quirks.
 * This is all of the adapter a Kafka Connect sink needs: it reads events but never connects to the
 * source itself.
 */
public interface SourceEvents {

    /** The captured table, as definitions name it ({@code schema.table}), from the event's {@code source} block. */
    String table(Struct source);

    /** The event's position in the source's log, comparable across restarts, from its {@code source} block. */
    SourcePosition position(Struct source, Op op);

    SourceValueQuirks values();
}
