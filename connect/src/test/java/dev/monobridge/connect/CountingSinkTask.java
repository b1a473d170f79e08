package dev.monobridge.connect;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * Monobridge's sink task, counting each record it was handed and acknowledged, by connector: the
 * workers run in the test's JVM, so every incarnation of a connector's tasks adds to the same count,
 * across a worker stopped and its tasks moved.
 */
public final class CountingSinkTask extends SinkTask {

    private static final Map<String, Deliveries> BY_CONNECTOR = new ConcurrentHashMap<>();

    private final MonobridgeSinkTask delegate = new MonobridgeSinkTask();
    private Deliveries deliveries;

    /** What a connector's tasks were handed, and acknowledged, so far. */
    static Deliveries of(String connector) {
        return BY_CONNECTOR.computeIfAbsent(connector, name -> new Deliveries());
    }

    /** Records acknowledged, in all, and the distinct ones among them (by topic, partition and offset). */
    static final class Deliveries {
        private final AtomicLong total = new AtomicLong();
        private final Set<String> distinct = ConcurrentHashMap.newKeySet();

        long total() {
            return total.get();
        }

        long distinct() {
            return distinct.size();
        }

        /** Records a task acknowledged that an earlier incarnation had acknowledged already. */
        long deliveredTwice() {
            return total() - distinct();
        }
    }

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public void initialize(SinkTaskContext context) {
        super.initialize(context);
        delegate.initialize(context);
    }

    @Override
    public void start(Map<String, String> props) {
        deliveries = of(props.get("name"));
        delegate.start(props);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        delegate.open(partitions);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        delegate.put(records);
        // Counted once the batch is acknowledged: a batch that failed is delivered again, and counts then.
        for (SinkRecord record : records) {
            deliveries.total.incrementAndGet();
            deliveries.distinct.add(record.topic() + "/" + record.kafkaPartition() + "/" + record.kafkaOffset());
        }
    }

    @Override
    public void flush(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        delegate.flush(currentOffsets);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return delegate.preCommit(currentOffsets);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        delegate.close(partitions);
    }

    @Override
    public void stop() {
        delegate.stop();
    }
}
