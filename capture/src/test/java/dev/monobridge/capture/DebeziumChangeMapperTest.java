package dev.monobridge.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import dev.monobridge.capture.source.postgres.PostgresEvents;
import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.change.Unavailable;
import io.debezium.data.Envelope;

/**
 * The envelope mapping, for every operation Debezium emits, on records built with Debezium's own
 * {@link Envelope} and the source block of its PostgreSQL connector.
 */
class DebeziumChangeMapperTest {

    private static final Schema KEY = SchemaBuilder.struct().name("monobridge.public.runner.Key")
            .field("id", Schema.INT64_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("monobridge.public.runner.Value")
            .field("id", Schema.INT64_SCHEMA)
            .field("race_id", Schema.INT64_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("cloth_number", Schema.INT32_SCHEMA)
            .field("price", Decimal.builder(2).optional().build())
            .field("notes", Schema.OPTIONAL_STRING_SCHEMA)
            .field("updated_at", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
            .field("off_time", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build())
            .field("race_date", SchemaBuilder.int32().name("io.debezium.time.Date").optional().build())
            .field("form", SchemaBuilder.string().name("io.debezium.data.Json").optional().build())
            .optional().build();
    private static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            // As in Debezium: an optional enum with the default "false", which only get() falls back to.
            .field("snapshot", SchemaBuilder.string().name("io.debezium.data.Enum").optional().defaultValue("false").build())
            .field("db", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("txId", Schema.OPTIONAL_INT64_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .build();
    private static final Envelope ENVELOPE = Envelope.defineSchema().withName("monobridge.public.runner.Envelope")
            .withRecord(ROW).withSource(SOURCE).build();
    private static final Instant COMMIT = Instant.parse("2026-12-26T13:40:00.123456Z");

    private final DebeziumChangeMapper mapper = new DebeziumChangeMapper(new PostgresEvents());

    @Test
    void anInsertBecomesACreateWithTheRowAndTheCommitPosition() {
        Change change = only(mapper.map(record(ENVELOPE.create(row(7, "2.50", "Kauto Star"), source(100, 250, "[\"200\",\"250\"]"), COMMIT))));

        assertThat(change.op()).isEqualTo(Op.CREATE);
        assertThat(change.table()).isEqualTo("public.runner");
        assertThat(change.key()).isEqualTo(RowKey.of("id", 7L));
        assertThat(change.after()).containsEntry("name", "Kauto Star").containsEntry("price", new BigDecimal("2.50"));
        assertThat(change.position()).isEqualTo(new SourcePosition(200, 250));
        assertThat(change.commitTime()).isEqualTo(COMMIT);
        assertThat(change.txId()).isEqualTo("100");
    }

    @Test
    void aSnapshotReadOrdersBeforeEveryStreamedChangeAtTheSnapshotPosition() {
        Change read = only(mapper.map(record(ENVELOPE.read(row(7, "2.50", "Kauto Star"), source(90, 300, null), COMMIT))));
        Change streamed = only(mapper.map(record(ENVELOPE.update(null, row(7, "3.00", "Kauto Star"), source(91, 280, "[\"300\",\"280\"]"), COMMIT))));

        assertThat(read.op()).isEqualTo(Op.READ);
        assertThat(read.position()).isEqualTo(new SourcePosition(300, 0));
        assertThat(streamed.position()).isGreaterThan(read.position());
    }

    /**
     * PostgreSQL streams every transaction that commits after the snapshot point, also one that began
     * before it; the first one streamed has no last commit yet, and its own LSNs lie before the point.
     */
    @Test
    void theFirstTransactionStreamedAfterTheSnapshotOrdersAfterItsReadsEvenWhenItBeganBeforeThem() {
        Change read = only(mapper.map(record(ENVELOPE.read(row(7, "2.50", "Kauto Star"), source(90, 300, null), COMMIT))));
        Change first = only(mapper.map(record(ENVELOPE.update(null, row(7, "3.00", "Kauto Star"), source(91, 280, "[null,\"280\"]"), COMMIT))));
        Change second = only(mapper.map(record(ENVELOPE.update(null, row(7, "3.25", "Kauto Star"), source(91, 290, "[null,\"290\"]"), COMMIT))));
        Change next = only(mapper.map(record(ENVELOPE.update(null, row(7, "3.50", "Kauto Star"), source(92, 320, "[\"310\",\"320\"]"), COMMIT))));

        assertThat(first.position()).isGreaterThan(read.position());
        assertThat(second.position()).isGreaterThan(first.position());
        assertThat(next.position()).isGreaterThan(second.position());
    }

    @Test
    void anUpdateWithoutABeforeImageStillCarriesTheWholeNewRow() {
        Change change = only(mapper.map(record(ENVELOPE.update(null, row(7, "3.10", "Kauto Star"), source(101, 260, "[\"250\",\"260\"]"), COMMIT))));

        assertThat(change.op()).isEqualTo(Op.UPDATE);
        assertThat(change.before()).isNull();
        assertThat(change.after()).containsEntry("price", new BigDecimal("3.10")).containsEntry("race_id", 3L);
    }

    @Test
    void anUnchangedToastedColumnBecomesUnavailableNotThePlaceholderText() {
        Struct after = row(7, "3.10", "Kauto Star").put("notes", "__debezium_unavailable_value");

        Change change = only(mapper.map(record(ENVELOPE.update(null, after, source(101, 260, "[\"250\",\"260\"]"), COMMIT))));

        assertThat(change.after().get("notes")).isSameAs(Unavailable.VALUE);
    }

    @Test
    void aDeleteCarriesTheKeyAndNoAfterImage() {
        Struct keyOnly = new Struct(ROW).put("id", 7L).put("race_id", 0L).put("name", "").put("cloth_number", 0);

        Change change = only(mapper.map(record(ENVELOPE.delete(keyOnly, source(102, 270, "[\"260\",\"270\"]"), COMMIT))));

        assertThat(change.op()).isEqualTo(Op.DELETE);
        assertThat(change.key()).isEqualTo(RowKey.of("id", 7L));
        assertThat(change.after()).isNull();
    }

    @Test
    void theTombstoneAfterADeleteCarriesNoChangeSoTheDeleteIsHandledOnce() {
        SourceRecord tombstone = new SourceRecord(Map.of(), Map.of(), "monobridge.public.runner", null,
                KEY, new Struct(KEY).put("id", 7L), null, null);

        assertThat(mapper.map(tombstone)).isEmpty();
    }

    @Test
    void aTruncateConcernsTheWholeTableAndHasNoKey() {
        Change change = only(mapper.map(new SourceRecord(Map.of(), Map.of(), "monobridge.public.runner", null, null, null,
                ENVELOPE.schema(), ENVELOPE.truncate(source(103, 280, "[\"270\",\"280\"]"), COMMIT))));

        assertThat(change.op()).isEqualTo(Op.TRUNCATE);
        assertThat(change.table()).isEqualTo("public.runner");
        assertThat(change.key()).isNull();
    }

    @Test
    void temporalColumnsBecomeInstantsAndDates() {
        Struct after = row(7, "2.50", "Kauto Star")
                .put("updated_at", 1_798_292_400_123_456L)
                .put("off_time", "2026-12-26T13:40:00.5Z")
                .put("race_date", (int) LocalDate.parse("2026-12-26").toEpochDay());

        Change change = only(mapper.map(record(ENVELOPE.create(after, source(100, 250, "[\"200\",\"250\"]"), COMMIT))));

        assertThat(change.after().get("updated_at")).isEqualTo(Instant.ofEpochSecond(1_798_292_400L, 123_456_000L));
        assertThat(change.after().get("off_time")).isEqualTo(Instant.parse("2026-12-26T13:40:00.5Z"));
        assertThat(change.after().get("race_date")).isEqualTo(LocalDate.parse("2026-12-26"));
    }

    @Test
    void aJsonColumnBecomesASubdocumentWithExactNumbers() {
        Struct after = row(7, "2.50", "Kauto Star").put("form", "{\"last\": [1, 2, \"F\"], \"rating\": 171.5, \"trainer\": {\"name\": \"Nicholls\"}}");

        Change change = only(mapper.map(record(ENVELOPE.create(after, source(100, 250, "[\"200\",\"250\"]"), COMMIT))));

        assertThat(change.after().get("form")).isEqualTo(Map.of(
                "last", java.util.List.of(1L, 2L, "F"),
                "rating", new BigDecimal("171.5"),
                "trainer", Map.of("name", "Nicholls")));
    }

    @Test
    void aRecordFromATableWithoutAPrimaryKeyIsUnreadableWithAReason() {
        SourceRecord keyless = new SourceRecord(Map.of(), Map.of(), "monobridge.public.runner", null, null, null,
                ENVELOPE.schema(), ENVELOPE.create(row(7, "2.50", "Kauto Star"), source(100, 250, null), COMMIT));

        assertThatThrownBy(() -> mapper.map(keyless))
                .isInstanceOf(UnreadableRecordException.class)
                .hasMessageContaining("public.runner has no primary key");
    }

    @Test
    void anyFailureReadingARecordIsUnreadableWithThePositionAndKeyThatCouldBeRead() {
        // A timestamp column holding a string: Debezium never sends this, so reading it fails unforeseen.
        Struct after = row(7, "2.50", "Kauto Star");
        Struct envelope = ENVELOPE.create(after, source(100, 250, "[\"200\",\"250\"]"), COMMIT);
        envelope.getStruct("source").put("ts_us", null).put("ts_ms", COMMIT.toEpochMilli());
        SourceRecord broken = new SourceRecord(Map.of(), Map.of(), "monobridge.public.runner", null,
                KEY, new Struct(KEY).put("id", 7L), ENVELOPE.schema(), envelope) {
            @Override
            public Object value() {
                Struct value = (Struct) super.value();
                value.getStruct("source").put("sequence", "not a sequence");
                return value;
            }
        };

        assertThatThrownBy(() -> mapper.map(broken))
                .isInstanceOfSatisfying(UnreadableRecordException.class, e -> {
                    assertThat(e.getMessage()).contains("cannot read the change event on monobridge.public.runner")
                            .contains("unexpected sequence not a sequence");
                    assertThat(e.table()).isEqualTo("public.runner");
                    assertThat(e.key()).isEqualTo(RowKey.of("id", 7L));
                });
    }

    @Test
    void aPoisonValueInAColumnIsContainedToThatColumn() {
        Struct after = row(7, "2.50", "Kauto Star").put("off_time", "not a time");

        Change change = only(mapper.map(record(ENVELOPE.create(after, source(100, 250, "[\"200\",\"250\"]"), COMMIT))));

        assertThat(change.after().get("name")).isEqualTo("Kauto Star");
        assertThat(change.after().get("off_time")).isInstanceOf(dev.monobridge.projector.change.Unconvertible.class);
        assertThat(change.columnTypes()).containsKeys("id", "name", "off_time");
    }

    @Test
    void aHeartbeatCarriesNoChangeAndIsNoDeadLetter() {
        Schema value = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat").field("ts_ms", Schema.INT64_SCHEMA).build();
        SourceRecord heartbeat = new SourceRecord(Map.of(), Map.of("lsn", 42L), "__debezium-heartbeat.monobridge", null, null, null,
                value, new Struct(value).put("ts_ms", 1_700_000_000_000L));

        assertThat(mapper.map(heartbeat)).isEmpty();
    }

    @Test
    void aStructThatIsNeitherAChangeEventNorAHeartbeatIsUnreadable() {
        Schema value = SchemaBuilder.struct().name("io.debezium.connector.common.Other").field("ts_ms", Schema.INT64_SCHEMA).build();
        SourceRecord other = new SourceRecord(Map.of(), Map.of(), "monobridge.other", null, null, null,
                value, new Struct(value).put("ts_ms", 1L));

        assertThatThrownBy(() -> mapper.map(other)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void aValueThatIsNotAChangeEventIsUnreadable() {
        SourceRecord heartbeat = new SourceRecord(Map.of(), Map.of(), "monobridge.heartbeat", null, null, null,
                Schema.STRING_SCHEMA, "ping");

        assertThatThrownBy(() -> mapper.map(heartbeat)).isInstanceOf(UnreadableRecordException.class);
    }

    @Test
    void theLastSnapshotRecordOfATableIsFollowedByTheEndOfThatTablesSnapshot() {
        Struct source = source(90, 300, null).put("snapshot", "last_in_data_collection");

        java.util.List<Change> changes = mapper.map(record(ENVELOPE.read(row(7, "2.50", "Kauto Star"), source, COMMIT)));

        assertThat(changes).extracting(Change::op).containsExactly(Op.READ, Op.SNAPSHOT_END);
        assertThat(changes.get(1).table()).isEqualTo("public.runner");
        assertThat(changes.get(1).position()).isEqualTo(changes.get(0).position());
    }

    @Test
    void theLastRecordOfTheWholeSnapshotEndsTheSnapshotOfEveryTable() {
        Struct source = source(90, 300, null).put("snapshot", "last");

        java.util.List<Change> changes = mapper.map(record(ENVELOPE.read(row(7, "2.50", "Kauto Star"), source, COMMIT)));

        assertThat(changes).extracting(Change::op).containsExactly(Op.READ, Op.SNAPSHOT_END);
        assertThat(changes.get(1).table()).isEqualTo(Op.ALL_TABLES);
    }

    private static Change only(java.util.List<Change> changes) {
        assertThat(changes).hasSize(1);
        return changes.get(0);
    }

    private static SourceRecord record(Struct envelope) {
        long id = envelope.getStruct("after") != null ? envelope.getStruct("after").getInt64("id")
                : envelope.getStruct("before").getInt64("id");
        return new SourceRecord(Map.of(), Map.of(), "monobridge.public.runner", null,
                KEY, new Struct(KEY).put("id", id), ENVELOPE.schema(), envelope);
    }

    private static Struct row(long id, String price, String name) {
        return new Struct(ROW).put("id", id).put("race_id", 3L).put("name", name).put("cloth_number", 4)
                .put("price", new BigDecimal(price));
    }

    private static Struct source(long txId, long lsn, String sequence) {
        return new Struct(SOURCE).put("version", "3.6.1.Final").put("connector", "postgresql").put("name", "monobridge")
                .put("ts_ms", COMMIT.toEpochMilli()).put("ts_us", 1_798_292_400_123_456L).put("db", "legacy")
                .put("sequence", sequence).put("schema", "public").put("table", "runner")
                .put("txId", txId).put("lsn", lsn);
    }
}
