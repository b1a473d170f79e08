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
        Schema envelope = SchemaBuilder.struct()
                .field("before", row)
                .field("after", row)
                .field("source", SOURCE)
                .field("op", Schema.STRING_SCHEMA)
                .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
                .build();
        Struct source = new Struct(SOURCE).put("ts_ms", 1_767_225_600_000L).put("snapshot", snapshotMark)
                .put("schema", "public").put("table", table).put("lsn", lsn);
        Struct value = new Struct(envelope).put("after", after).put("source", source).put("op", "r");
        Struct key = new Struct(KEY).put("id", after.getInt64("id"));
        return new SinkRecord(prefix + ".public." + table, 0, KEY, key, envelope, value, offset);
    }
}
