package dev.monobridge.capture.source.mariadb;

import java.util.Set;

import org.apache.kafka.connect.data.Struct;

import dev.monobridge.capture.source.SourceEvents;
import dev.monobridge.capture.source.SourceValueQuirks;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.SourcePosition;

/**
 * Reads the MariaDB connector's change events: the table from {@code source.db} and
 * {@code source.table} (MariaDB has no schema level: its databases are what definitions qualify tables
 * with), the position from the binlog ({@link MariaDbPositions}), MariaDB's value quirks. Public, without
 * settings, because a Kafka Connect sink reads events with no connection to the source.
 */
public final class MariaDbEvents implements SourceEvents {

    private final MariaDbPositions positions = new MariaDbPositions();
    private final MariaDbValueQuirks values = new MariaDbValueQuirks();

    @Override
    public String table(Struct source) {
        return source.getString("db") + "." + source.getString("table");
    }

    @Override
    public SourcePosition position(Struct source, Op op) {
        return positions.of(source, op);
    }

    @Override
    public SourceValueQuirks values() {
        return values;
    }

    /**
     * The JSON columns ({@code db.table.column}), which the events alone do not always tell (see
     * {@link MariaDbValueQuirks}): the adapter reads them from the catalogue; a sink that never connects
     * to the source may name them.
     */
    public void knowJsonColumns(Set<String> columns) {
        values.knowJsonColumns(columns);
    }

    Set<String> jsonColumns() {
        return values.jsonColumns();
    }
}
