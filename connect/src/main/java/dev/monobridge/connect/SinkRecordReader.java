package dev.monobridge.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.monobridge.capture.DebeziumChangeMapper;
import dev.monobridge.capture.UnreadableRecordException;
import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.core.DeadLetter;

/**
 * Reads a batch of Debezium records with the shared mapper: the changes they carry, with each snapshot
 * end made to concern its own table only, and a dead letter for each record that cannot be read, so
 * that one poison record never stops the stream.
 */
final class SinkRecordReader {

    private static final Logger LOG = LoggerFactory.getLogger(SinkRecordReader.class);

    /** What a batch of records carries. */
    record Read(List<Change> changes, List<DeadLetter> unreadable, List<Poison> poison) {
    }

    /** A record that could not be read, with why: for Connect's errant-record reporter. */
    record Poison(SinkRecord record, UnreadableRecordException reason) {
    }

    private final DebeziumChangeMapper mapper;

    SinkRecordReader(DebeziumChangeMapper mapper) {
        this.mapper = mapper;
    }

    Read read(Collection<SinkRecord> records) {
        List<Change> changes = new ArrayList<>(records.size());
        List<DeadLetter> unreadable = new ArrayList<>();
        List<Poison> poison = new ArrayList<>();
        for (SinkRecord record : records) {
            try {
                changes.addAll(PerTableSnapshotEnds.of(mapper.map(record)));
            } catch (UnreadableRecordException e) {
                LOG.warn("Unreadable record on {}-{} at offset {}: {}", record.topic(), record.kafkaPartition(),
                        record.kafkaOffset(), e.getMessage());
                unreadable.add(DeadLetter.unreadable(String.valueOf(record), e.getMessage() + " (Kafka " + record.topic() + "-"
                        + record.kafkaPartition() + " offset " + record.kafkaOffset() + ")", e.table(), e.key(), e.position()));
                poison.add(new Poison(record, e));
            }
        }
        return new Read(changes, unreadable, poison);
    }
}
