package dev.monobridge.connect;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The partition numbers of a task's assignment, checked against what the sink's state assumes: no partition
 * beyond {@code topic.partitions}, and, with state per partition, partition i of every topic or of none (the
 * RangeAssignor's promise over topics of equal partition counts). Anything else throws, so that a wrong
 * assignment stops the task instead of letting two projectors hold the same roots.
 */
final class AssignedPartitions {

    private AssignedPartitions() {
    }

    /**
     * @param partitions   the partition count of every topic ({@code topic.partitions})
     * @return the partition numbers assigned, the same for every topic
     */
    static Set<Integer> check(Collection<TopicPartition> assignment, int partitions) {
        Map<String, Set<Integer>> byTopic = new TreeMap<>();
        for (TopicPartition partition : assignment) {
            if (partition.partition() >= partitions) {
                // With one projector, a table's snapshot end on one partition would remove rows whose snapshot
                // records are still in flight on another; with more, a partition beyond the count has no scope.
                throw new ConnectException("topic " + partition.topic() + " has partition " + partition.partition() + ", but "
                        + SinkSettings.TOPIC_PARTITIONS + " is " + partitions + ": every topic must have exactly "
                        + SinkSettings.TOPIC_PARTITIONS + " partitions (1, or as the source's PartitionRouting makes them)");
            }
            byTopic.computeIfAbsent(partition.topic(), t -> new TreeSet<>()).add(partition.partition());
        }
        Set<Set<Integer>> shapes = new HashSet<>(byTopic.values());
        if (shapes.size() > 1) {
            throw new ConnectException("this task was given different partitions of different topics (" + byTopic + "), so the"
                    + " roots of one partition would be split between tasks; set consumer.override.partition.assignment.strategy="
                    + "org.apache.kafka.clients.consumer.RangeAssignor and consumer.override.group.protocol=classic");
        }
        return shapes.isEmpty() ? Set.of() : shapes.iterator().next();
    }
}
