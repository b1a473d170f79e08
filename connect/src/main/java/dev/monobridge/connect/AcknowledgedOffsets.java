package dev.monobridge.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Per partition, the offset after the last record whose batch MongoDB acknowledged: what the task may
 * let Connect commit. Never more, so that a task that dies, is rebalanced away or restarts resumes at
 * a record whose change may not be durable yet, and loses nothing.
 *
 * <p>Not thread-safe: Connect calls {@code put}, {@code preCommit} and {@code close} on the task's one thread.
 */
final class AcknowledgedOffsets {

    private final Map<TopicPartition, Long> next = new HashMap<>();

    /** Notes that every one of these records is durable (their batch was acknowledged). */
    void acknowledge(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            // The original coordinates: a transformation may have renamed the topic or moved the partition.
            TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            next.merge(partition, record.originalKafkaOffset() + 1, Math::max);
        }
    }

    /** The acknowledged offsets of the partitions Connect is about to commit; none it did not ask for. */
    Map<TopicPartition, OffsetAndMetadata> committable(Map<TopicPartition, OffsetAndMetadata> consumed) {
        Map<TopicPartition, OffsetAndMetadata> committable = new HashMap<>();
        for (TopicPartition partition : consumed.keySet()) {
            Long offset = next.get(partition);
            if (offset != null) {
                committable.put(partition, new OffsetAndMetadata(offset));
            }
        }
        return committable;
    }

    /** Partitions taken from this task: their offsets are another task's business now. */
    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(next::remove);
    }
}
