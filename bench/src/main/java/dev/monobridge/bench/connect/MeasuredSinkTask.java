package dev.monobridge.bench.connect;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.apache.kafka.connect.sink.SinkTaskContext;

import dev.monobridge.bench.measure.MeasuringSink;
import dev.monobridge.connect.MonobridgeSinkTask;

/**
 * Monobridge's sink task, with one addition: when its {@code put} returns, MongoDB has acknowledged
 * the batch (the task projects synchronously), and the batch's source commit times go to the run's
 * {@link MeasuringSink}, found by the connector's name. A tombstone (the null value after a delete)
 * is no change: the embedded capture's mapper drops it too.
 */
public final class MeasuredSinkTask extends SinkTask {

    private final MonobridgeSinkTask delegate = new MonobridgeSinkTask();
    private MeasuringSink measuring;

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
        measuring = Acknowledgements.of(props.get("name"));
        delegate.start(props);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        delegate.open(partitions);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        delegate.put(records);
        if (records.isEmpty()) {
            return;
        }
        List<Instant> reads = new ArrayList<>();
        List<Instant> streamed = new ArrayList<>();
        for (SinkRecord record : records) {
            if (!(record.value() instanceof Struct value)) {
                continue;
            }
            Struct source = value.getStruct("source");
            Instant commit = commitTime(source);
            if ("r".equals(value.getString("op"))) {
                reads.add(commit);
            } else {
                streamed.add(commit);
            }
        }
        measuring.acknowledged(reads, streamed);
    }

    /** As the capture's mapper reads it: Debezium's microseconds when given, else its milliseconds. */
    private static Instant commitTime(Struct source) {
        if (source.schema().field("ts_us") != null && source.get("ts_us") != null) {
            long micros = source.getInt64("ts_us");
            return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        }
        return Instant.ofEpochMilli(source.getInt64("ts_ms"));
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
