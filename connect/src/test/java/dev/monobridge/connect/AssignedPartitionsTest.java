package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class AssignedPartitionsTest {

    private static TopicPartition bet(int partition) {
        return new TopicPartition("m.public.bet", partition);
    }

    private static TopicPartition customer(int partition) {
        return new TopicPartition("m.public.customer", partition);
    }

    @Test
    void partitionIOfEveryTopicGivesTheNumbersI() {
        assertThat(AssignedPartitions.check(List.of(bet(0), customer(0), bet(2), customer(2)), 4)).containsExactly(0, 2);
        assertThat(AssignedPartitions.check(List.of(), 4)).isEmpty();
    }

    @Test
    void partitionIOfOneTopicWithoutPartitionIOfAnotherIsRefused() {
        assertThatThrownBy(() -> AssignedPartitions.check(List.of(customer(0), bet(1)), 2))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("different partitions of different topics")
                .hasMessageContaining("consumer.override.partition.assignment.strategy=org.apache.kafka.clients.consumer.RangeAssignor");
    }

    @Test
    void aPartitionBeyondTheConfiguredCountIsRefusedWhetherStateIsPerPartitionOrNot() {
        assertThatThrownBy(() -> AssignedPartitions.check(List.of(bet(2)), 2))
                .isInstanceOf(ConnectException.class).hasMessageContaining("has partition 2, but topic.partitions is 2");
        assertThatThrownBy(() -> AssignedPartitions.check(List.of(bet(0), bet(1)), 1))
                .isInstanceOf(ConnectException.class).hasMessageContaining("has partition 1, but topic.partitions is 1");
    }

    @Test
    void theStateOfAPartitionIsScopedByTheConnectorAndThePartitionOnlyWhenSplit() {
        assertThat(SinkProjections.scope("bets", 3, 4)).isEqualTo("bets-p3");
        assertThat(SinkProjections.scope("bets", 0, 1)).isEqualTo("bets");
    }
}
