package dev.monobridge.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.util.clusters.EmbeddedKafkaCluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Debezium's per-table topics read back from Kafka as they are (keys, values, headers, timestamps
 * untouched), split into rounds at offsets noted while the source ran, so that a test can produce
 * them again in an order of its choosing.
 */
final class RecordedChangeLog {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Per table ({@code public.meeting}), its records in topic order. */
    private final Map<String, List<ConsumerRecord<byte[], byte[]>>> records;
    /** Per round, per table: the offset after the round's last record. */
    private final List<Map<String, Long>> roundEnds;

    private RecordedChangeLog(Map<String, List<ConsumerRecord<byte[], byte[]>>> records, List<Map<String, Long>> roundEnds) {
        this.records = records;
        this.roundEnds = roundEnds;
    }

    /** The end offset of every topic {@code prefix.schema.table} now, per table: where a round ends. */
    static Map<String, Long> endOffsets(EmbeddedKafkaCluster kafka, String prefix) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            return ends(consumer, partitions(consumer, prefix), prefix);
        }
    }

    /** Every record of the topics {@code prefix.schema.table}, up to their current ends, split at the rounds' ends. */
    static RecordedChangeLog read(EmbeddedKafkaCluster kafka, String prefix, List<Map<String, Long>> roundEnds) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka)) {
            List<TopicPartition> partitions = partitions(consumer, prefix);
            Map<String, Long> ends = ends(consumer, partitions, prefix);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<String, List<ConsumerRecord<byte[], byte[]>>> records = new TreeMap<>();
            ends.keySet().forEach(table -> records.put(table, new ArrayList<>()));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!readToEnd(consumer, partitions, ends, prefix)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the recorded topics were not read to their ends " + ends + " in " + READ_TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    records.get(table(record.topic(), prefix)).add(record);
                }
            }
            List<Map<String, Long>> rounds = new ArrayList<>(roundEnds);
            rounds.add(ends);
            return new RecordedChangeLog(records, rounds);
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(EmbeddedKafkaCluster kafka) {
        return kafka.createConsumer(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
    }

    private static List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer, String prefix) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (Map.Entry<String, List<PartitionInfo>> topic : consumer.listTopics().entrySet()) {
            if (topic.getKey().startsWith(prefix + ".")) {
                if (topic.getValue().size() != 1) {
                    throw new AssertionError(topic.getKey() + " has " + topic.getValue().size() + " partitions; Debezium's default is one");
                }
                partitions.add(new TopicPartition(topic.getKey(), 0));
            }
        }
        return partitions;
    }

    private static Map<String, Long> ends(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, String prefix) {
        Map<String, Long> ends = new TreeMap<>();
        consumer.endOffsets(partitions).forEach((partition, end) -> ends.put(table(partition.topic(), prefix), end));
        return ends;
    }

    private static boolean readToEnd(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions, Map<String, Long> ends,
                                     String prefix) {
        for (TopicPartition partition : partitions) {
            if (consumer.position(partition) < ends.get(table(partition.topic(), prefix))) {
                return false;
            }
        }
        return true;
    }

    private static String table(String topic, String prefix) {
        return topic.substring(prefix.length() + 1);
    }

    /** The tables whose topics were recorded. */
    List<String> tables() {
        return List.copyOf(records.keySet());
    }

    int rounds() {
        return roundEnds.size();
    }

    /** The table's records of one round (0-based), in their topic's order. */
    List<ConsumerRecord<byte[], byte[]>> round(int round, String table) {
        long from = round == 0 ? 0 : roundEnds.get(round - 1).getOrDefault(table, 0L);
        long to = roundEnds.get(round).getOrDefault(table, 0L);
        return records.get(table).stream().filter(r -> r.offset() >= from && r.offset() < to).toList();
    }

    /** Every record of the table, over all rounds. */
    List<ConsumerRecord<byte[], byte[]>> all(String table) {
        return records.getOrDefault(table, List.of());
    }

    /** How many records of each table each round holds, for the test's messages. */
    Map<String, List<Integer>> counts() {
        Map<String, List<Integer>> counts = new LinkedHashMap<>();
        for (String table : records.keySet()) {
            List<Integer> perRound = new ArrayList<>();
            for (int round = 0; round < rounds(); round++) {
                perRound.add(round(round, table).size());
            }
            counts.put(table, perRound);
        }
        return counts;
    }

    /** A Debezium change event's payload ({@code before}, {@code after}, {@code op}, {@code source}); null for a tombstone. */
    static JsonNode payload(ConsumerRecord<byte[], byte[]> record) {
        if (record.value() == null) {
            return null;
        }
        try {
            return JSON.readTree(record.value()).get("payload");
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + record, e);
        }
    }
}
