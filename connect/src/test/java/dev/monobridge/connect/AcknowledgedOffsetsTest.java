package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class AcknowledgedOffsetsTest {

    private static final TopicPartition RUNNER = new TopicPartition("monobridge.public.runner", 0);
    private static final TopicPartition RACE = new TopicPartition("monobridge.public.race", 0);

    private final AcknowledgedOffsets offsets = new AcknowledgedOffsets();

    private static SinkRecord record(TopicPartition partition, long offset) {
        return new SinkRecord(partition.topic(), partition.partition(), null, null, null, null, offset);
    }

    @Test
    void onlyAcknowledgedRecordsAreOfferedAtTheOffsetAfterTheLastOne() {
        offsets.acknowledge(List.of(record(RUNNER, 41), record(RUNNER, 42), record(RACE, 3)));

        // Connect has consumed further on the runner topic (a batch whose put failed): that stays uncommitted.
        Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable(Map.of(
                RUNNER, new OffsetAndMetadata(60), RACE, new OffsetAndMetadata(4),
                new TopicPartition("monobridge.public.meeting", 0), new OffsetAndMetadata(9)));

        assertThat(committable).containsOnly(Map.entry(RUNNER, new OffsetAndMetadata(43)), Map.entry(RACE, new OffsetAndMetadata(4)));
    }

    @Test
    void aPartitionTakenAwayIsNoLongerOffered() {
        offsets.acknowledge(List.of(record(RUNNER, 41), record(RACE, 3)));
        offsets.forget(List.of(RUNNER));

        assertThat(offsets.committable(Map.of(RUNNER, new OffsetAndMetadata(42), RACE, new OffsetAndMetadata(4))))
                .containsOnlyKeys(RACE);
    }
}
