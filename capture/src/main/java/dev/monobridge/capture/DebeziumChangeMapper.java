package dev.monobridge.capture;

import java.time.Instant;
import java.util.Map;
import java.util.List;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;

import dev.monobridge.capture.source.SourceEvents;
import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.change.Unconvertible;

/**
 * The one place where Debezium's change-event envelope becomes the projector's {@link Change}. It
 * reads any {@link ConnectRecord}, so the embedded engine's source records and, in Kafka Connect, a
 * sink task's records go through the same code.
 *
 * <p>Every operation is handled explicitly:
 * <ul>
 *   <li>{@code c}, {@code r}, {@code u}, {@code d}: a change to one row;</li>
 *   <li>{@code t}: a truncate of the whole table, with no key;</li>
 *   <li>{@code m}: a logical decoding message, which names no row: nothing to project;</li>
 *   <li>a heartbeat, which only tells how far capture has read (its offset moves when the batch is
 *       acknowledged, like any other record's): nothing to project;</li>
 *   <li>the last snapshot record of a table (and of the whole snapshot) is followed by a
 *       {@link Op#SNAPSHOT_END}, so that rows a repeated snapshot no longer finds are removed;</li>
 *   <li>a record with a null value: the tombstone Debezium sends after a delete so that Kafka log
 *       compaction can drop the key. The delete before it already carried the change, so the
 *       tombstone is nothing to project, which is how a delete is handled once.</li>
 * </ul>
 * Anything else is unreadable and becomes a dead letter.
 */
public final class DebeziumChangeMapper {

    /** The name Debezium gives every heartbeat's value schema, whichever the connector. */
    static final String HEARTBEAT_SCHEMA = "io.debezium.connector.common.Heartbeat";

    private final SourceEvents events;
    private final DebeziumValues values;
    private final DebeziumColumnTypes columnTypes = new DebeziumColumnTypes();

    /** @param events how the source database's events differ: its table names, positions and value quirks */
    public DebeziumChangeMapper(SourceEvents events) {
        this.events = events;
        this.values = new DebeziumValues(events.values());
    }

    /**
     * The changes the record carries: usually one; none for a tombstone or a message; two for the last
     * snapshot record of a table (the row, then the end of that table's snapshot).
     *
     * @throws UnreadableRecordException for any record that cannot be read as a change, whatever the
     *         cause: one record must never stop capture. It says what it could still read of the
     *         record's origin (table, key, position), for the dead letter.
     */
    public List<Change> map(ConnectRecord<?> record) {
        if (record.value() == null) {
            return List.of();
        }
        if (record.value() instanceof Struct struct && HEARTBEAT_SCHEMA.equals(struct.schema().name())) {
            return List.of();
        }
        if (!(record.value() instanceof Struct envelope)) {
            throw new UnreadableRecordException("not a Debezium change event: the value is a "
                    + record.value().getClass().getName(), null, null, null);
        }
        try {
            return read(record, envelope);
        } catch (UnreadableRecordException e) {
            throw e.knowsOrigin() ? e : withOrigin(e.getMessage(), e, record, envelope);
        } catch (RuntimeException e) {
            throw withOrigin("cannot read the change event on " + record.topic() + ": " + e, e, record, envelope);
        }
    }

    /** The failure with as much of the record's origin as can still be read; each part may be missing. */
    private UnreadableRecordException withOrigin(String reason, RuntimeException cause, ConnectRecord<?> record, Struct envelope) {
        String table = null;
        SourcePosition position = null;
        RowKey key = null;
        try {
            Struct source = envelope.getStruct("source");
            table = events.table(source);
            position = events.position(source, Op.fromCode(envelope.getString("op")));
        } catch (RuntimeException unreadable) {
            // Reported as missing: the reason already says what was wrong with the record.
        }
        try {
            key = record.key() instanceof Struct struct ? new RowKey(values.row(struct)) : null;
        } catch (RuntimeException unreadable) {
            // As above.
        }
        return new UnreadableRecordException(reason, cause, table, key, position);
    }

    private List<Change> read(ConnectRecord<?> record, Struct envelope) {
        if (envelope.schema().field("op") == null) {
            throw new UnreadableRecordException("not a Debezium change event: no 'op' field in " + envelope.schema().name(),
                    null, null, null);
        }
        String code = envelope.getString("op");
        if ("m".equals(code)) {
            return List.of();
        }
        Op op = Op.fromCode(code);
        Struct source = envelope.getStruct("source");
        String table = events.table(source);
        SourcePosition position = events.position(source, op);
        Instant commitTime = commitTime(source);
        Object txId = source.schema().field("txId") == null ? null : source.get("txId");
        String transaction = txId == null ? null : txId.toString();
        if (op == Op.TRUNCATE) {
            return List.of(new Change(table, op, null, null, null, position, commitTime, transaction));
        }
        RowKey key = key(record, table, position);
        Map<String, Object> before = values.row(table, envelope.getStruct("before"));
        Struct afterStruct = op == Op.DELETE ? null : envelope.getStruct("after");
        Map<String, Object> after = values.row(table, afterStruct);
        Map<String, String> types = afterStruct == null ? null : columnTypes.of(table, afterStruct.schema());
        Change change = new Change(table, op, key, before, after, position, commitTime, transaction, types);
        return switch (snapshotMark(source)) {
            case "last_in_data_collection" -> List.of(change,
                    new Change(table, Op.SNAPSHOT_END, null, null, null, position, commitTime, transaction));
            case "last" -> List.of(change,
                    new Change(Op.ALL_TABLES, Op.SNAPSHOT_END, null, null, null, position, commitTime, transaction));
            default -> List.of(change);
        };
    }

    /** Debezium's {@code source.snapshot}: true, first, first_in_data_collection, last_in_data_collection, last, false... */
    private static String snapshotMark(Struct source) {
        // get(), not getString(): only get() falls back to the field's default ("false") when unset.
        Object mark = source.schema().field("snapshot") == null ? null : source.get("snapshot");
        return mark == null ? "false" : mark.toString();
    }

    private RowKey key(ConnectRecord<?> record, String table, SourcePosition position) {
        if (!(record.key() instanceof Struct key)) {
            // Debezium sends no key for a table without a primary key: such a row has no identity
            // that a later update or delete could be matched to.
            throw new UnreadableRecordException("table " + table + " has no primary key (no record key); "
                    + "give it one, or set REPLICA IDENTITY and a message.key.columns mapping", table, null, position);
        }
        Map<String, Object> columns = values.row(table, key);
        for (Map.Entry<String, Object> column : columns.entrySet()) {
            if (column.getValue() instanceof Unconvertible unconvertible) {
                // A key identifies the row in every document and state: it cannot stand in for itself.
                throw new UnreadableRecordException("key column " + table + "." + column.getKey() + ": "
                        + unconvertible.reason(), table, null, position);
            }
        }
        return new RowKey(columns);
    }

    private static Instant commitTime(Struct source) {
        if (source.schema().field("ts_us") != null && source.get("ts_us") != null) {
            long micros = source.getInt64("ts_us");
            return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        }
        return Instant.ofEpochMilli(source.getInt64("ts_ms"));
    }
}
