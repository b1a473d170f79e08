package dev.monobridge.capture.source.postgres;

import org.apache.kafka.connect.data.Struct;

import dev.monobridge.capture.source.SourceEvents;
import dev.monobridge.capture.source.SourceValueQuirks;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.SourcePosition;

/**
 * Reads the PostgreSQL connector's change events: the table from {@code source.schema} and
 * {@code source.table}, the position from LSNs ({@link PostgresPositions}), PostgreSQL's value quirks.
 * Public, without settings, because a Kafka Connect sink reads events with no connection to the source.
 */
public final class PostgresEvents implements SourceEvents {

    private final PostgresPositions positions = new PostgresPositions();
    private final PostgresValueQuirks values = new PostgresValueQuirks();

    @Override
    public String table(Struct source) {
        return source.getString("schema") + "." + source.getString("table");
    }

    @Override
    public SourcePosition position(Struct source, Op op) {
        return positions.of(source, op);
    }

    @Override
    public SourceValueQuirks values() {
        return values;
    }
}
