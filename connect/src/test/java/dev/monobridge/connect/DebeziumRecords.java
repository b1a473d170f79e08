package dev.monobridge.connect;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Change events shaped as Debezium's PostgreSQL connector writes them to its per-table topics (the
 * envelope, its {@code source} block, the key), built by hand so that a test can deliver them in any
 * order a Kafka consumer might.
 */
final class DebeziumRecords {

    private static final Schema KEY = SchemaBuilder.struct().field("id", Schema.INT64_SCHEMA).build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().optional().defaultValue("false").build())
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private final String prefix;

    DebeziumRecords(String prefix) {
        this.prefix = prefix;
    }

    /** A snapshot read of the row, at the snapshot's LSN, with Debezium's {@code source.snapshot} mark. */
    SinkRecord read(String table, Schema row, Struct after, long lsn, String snapshotMark, long offset) {
        Struct source = new Struct(SOURCE).put("ts_ms", 1_767_225_600_000L).put("snapshot", snapshotMark)
                .put("schema", "public").put("table", table).put("lsn", lsn);
        return record(table, row, "r", null, after, source, offset);
    }

    /** A streamed insert ({@code c}) or delete ({@code d}) committed at {@code commitLsn}, the change itself at {@code lsn}. */
    SinkRecord streamed(String table, Schema row, String op, Struct values, long commitLsn, long lsn, long offset) {
        Struct source = new Struct(SOURCE).put("ts_ms", 1_767_225_600_000L).put("schema", "public").put("table", table)
                .put("sequence", "[\"" + commitLsn + "\",\"" + lsn + "\"]").put("lsn", lsn);
        return "d".equals(op) ? record(table, row, op, values, null, source, offset) : record(table, row, op, null, values, source, offset);
    }

    private SinkRecord record(String table, Schema row, String op, Struct before, Struct after, Struct source, long offset) {
        Schema envelope = SchemaBuilder.struct()
                .field("before", row)
                .field("after", row)
                .field("source", SOURCE)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        Struct value = new Struct(envelope).put("before", before).put("after", after).put("source", source).put("op", op);
        Struct key = new Struct(KEY).put("id", (after != null ? after : before).getInt64("id"));
        return new SinkRecord(prefix + ".public." + table, 0, KEY, key, envelope, value, offset);
    }
}
