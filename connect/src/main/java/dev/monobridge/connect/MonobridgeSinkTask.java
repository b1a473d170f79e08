package dev.monobridge.connect;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.monobridge.capture.DebeziumChangeMapper;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Projects Debezium's per-table topics into MongoDB. {@link #put} projects each batch synchronously:
 * when it returns, MongoDB has acknowledged the batch, and only then are its offsets offered to Connect
 * by {@link #preCommit}. A batch MongoDB did not acknowledge is delivered again.
 */
public final class MonobridgeSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(MonobridgeSinkTask.class);

    /** As the embedded bridge's control loop: the projector moves its time in steps of a second. */
    private static final long TIME_STEP_MS = 1000;

    /** How long Connect waits before delivering again a batch MongoDB did not acknowledge. */
    private static final long REDELIVERY_BACKOFF_MS = 1000;

    private final AcknowledgedOffsets offsets = new AcknowledgedOffsets();
    private SinkProjections projections;
    private SinkRecordReader reader;
    private ErrantRecordReporter reporter;
    private ScheduledExecutorService timer;
    private SinkAdmin admin;

    @Override
    public String version() {
        return Version.of();
    }

    /** The connector configuration's own key for its name. */
    private static final String CONNECTOR_NAME = "name";
    /** Connect's own key for how many tasks a connector may run. */
    private static final String TASKS_MAX = "tasks.max";

    @Override
    public void start(Map<String, String> properties) {
        SinkSettings settings = new SinkSettings(properties);
        reader = new SinkRecordReader(new DebeziumChangeMapper(settings.events()));
        reporter = errantRecordReporter();
        List<ProjectionDefinition> definitions = ProjectionsSetting.require(properties);
        try {
            // Connect hands every task its connector's configuration, name included.
            projections = new SinkProjections(settings.mongoUri(), settings.mongoDatabase(), definitions,
                    settings.deleteMarkerGrace(), properties.getOrDefault(CONNECTOR_NAME, ""), settings.topicPartitions());
        } catch (RuntimeException e) {
            throw new ConnectException("cannot open the projections in MongoDB database " + settings.mongoDatabase() + ": " + e.getMessage(), e);
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "monobridge-sink-time");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(projections::advanceTime, TIME_STEP_MS, TIME_STEP_MS, TimeUnit.MILLISECONDS);
        // Rebuilds and repairs that monobridge rebuild asks for, on their own thread.
        admin = new SinkAdmin(projections, settings.sourceConnection(), tasks(properties), Clock.systemUTC());
        admin.start();
    }

    /** How many tasks share the connector's projections: its {@code tasks.max}, which Connect hands every task. */
    private static int tasks(Map<String, String> properties) {
        try {
            return Integer.parseInt(properties.getOrDefault(TASKS_MAX, "1").trim());
        } catch (NumberFormatException e) {
            // Connect's own validation refuses a tasks.max that is not a number before any task starts.
            return 1;
        }
    }

    /** Connect's reporter (the DLQ topic, when configured), or {@code null} when it gives none. */
    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // A worker older than Kafka 2.6 has no reporter; the dead-letter collection still gets every poison record.
            return null;
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<SinkRecordReader.Read> reads = new java.util.ArrayList<>();
        try {
            for (Map.Entry<Integer, List<SinkRecord>> partition : byPartition(records).entrySet()) {
                SinkRecordReader.Read read = reader.read(partition.getValue());
                projections.accept(partition.getKey(), read.changes(), read.unreadable());
                reads.add(read);
            }
        } catch (RuntimeException e) {
            // Nothing of this batch is acknowledged: Connect delivers the same records again.
            context.timeout(REDELIVERY_BACKOFF_MS);
            throw new RetriableException("MongoDB did not acknowledge a batch of " + records.size()
                    + " records; it will be delivered again: " + e.getMessage(), e);
        }
        // After the batch is durable, so that a batch delivered again is not reported twice.
        reads.forEach(this::report);
        offsets.acknowledge(records);
    }

    /**
     * The records by partition number, each in its order: with state per partition, partition i of every
     * topic goes to the projector of i (one projector takes them all otherwise, keyed 0).
     */
    private Map<Integer, List<SinkRecord>> byPartition(Collection<SinkRecord> records) {
        Map<Integer, List<SinkRecord>> byPartition = new java.util.TreeMap<>();
        for (SinkRecord record : records) {
            int partition = projections.perPartition() ? record.originalKafkaPartition() : 0;
            byPartition.computeIfAbsent(partition, p -> new java.util.ArrayList<>()).add(record);
        }
        return byPartition;
    }

    private void report(SinkRecordReader.Read read) {
        if (reporter == null) {
            return;
        }
        for (SinkRecordReader.Poison poison : read.poison()) {
            try {
                // Connect waits for reported records before it commits their offsets.
                reporter.report(poison.record(), poison.reason());
            } catch (ConnectException e) {
                // With errors.tolerance=none the reporter refuses; the record is in the dead-letter collection already.
                LOG.warn("Connect's errant-record reporter refused a record (set errors.tolerance=all to use the DLQ topic);"
                        + " it is in the dead-letter collection: {}", e.getMessage());
            }
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return offsets.committable(currentOffsets);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        // The whole assignment, not only what was added: a check that partition i of every topic is here.
        projections.assigned(context.assignment());
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        offsets.forget(partitions);
        projections.revoked(partitions);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        if (admin != null) {
            // Before MongoDB closes: a cancelled rebuild drops its shadow and says how it ended.
            admin.close();
        }
        if (projections != null) {
            projections.close();
        }
    }
}
