package dev.monobridge.connect;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.core.DeadLetter;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoConnections;

/**
 * The task's projectors. With one partition per topic, one projector, scoped by the connector's name. With
 * topics co-partitioned by root key ({@code topic.partitions} above 1), one projector per partition number
 * the task is given, scoped {@code <connector>-p<i>}: partition i of every topic carries all the changes of
 * the roots that hash to i, so its projector's states are those roots' rows and nothing else, and whatever
 * runs over all remembered rows (retention steps, a table's snapshot end, marker expiry, the document
 * horizon) runs over that partition only. See docs/connect-sink.md, "More than one task".
 *
 * <p>A partition taken away drops its projector, cache and all; its state stays in MongoDB for the next
 * owner, and a partition given back is opened from MongoDB again, since another task may have written it.
 *
 * <p>Thread-safe: the task's thread feeds it and reassigns it; the task's timer advances the time.
 */
final class SinkProjections implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkProjections.class);

    /** The partition number of the one projector of a task whose topics have one partition each. */
    private static final int ONLY = 0;

    private final MongoClient mongo;
    private final MongoDatabase database;
    private final List<ProjectionDefinition> definitions;
    private final Duration markerGrace;
    private final String connector;
    private final int partitions;
    private final Map<Integer, SinkProjection> open = new ConcurrentHashMap<>();

    /**
     * @param partitions the partition count of every topic ({@code topic.partitions}); 1 for one projector
     */
    SinkProjections(String mongoUri, String database, List<ProjectionDefinition> definitions, Duration markerGrace,
                    String connector, int partitions) {
        this.mongo = MongoConnections.connect(mongoUri, "monobridge-connect", MongoConnections.PROJECTOR_SERVER_SELECTION);
        this.database = mongo.getDatabase(database);
        this.definitions = definitions;
        this.markerGrace = markerGrace;
        this.connector = connector;
        this.partitions = partitions;
        try {
            if (!perPartition()) {
                open.put(ONLY, new SinkProjection(this.database, definitions, markerGrace, connector));
            }
        } catch (RuntimeException e) {
            mongo.close();
            throw e;
        }
    }

    /** Whether state is kept per partition: the topics are co-partitioned by root key. */
    boolean perPartition() {
        return partitions > 1;
    }

    /**
     * After Connect gave the task partitions: refuses an assignment the state cannot take
     * ({@link AssignedPartitions}), then opens a projector for every partition number given.
     */
    void assigned(Collection<TopicPartition> assignment) {
        Set<Integer> numbers = AssignedPartitions.check(assignment, partitions);
        if (perPartition()) {
            numbers.forEach(this::projection);
            LOG.info("Sink {} task projects partitions {} of {} topics", connector, numbers,
                    assignment.stream().map(TopicPartition::topic).distinct().count());
        }
    }

    /** After Connect took partitions away: their projectors go, and their state stays in MongoDB. */
    void revoked(Collection<TopicPartition> revoked) {
        if (!perPartition()) {
            return;
        }
        revoked.stream().map(TopicPartition::partition).distinct().forEach(number -> {
            SinkProjection projection = open.remove(number);
            if (projection != null) {
                projection.close();
            }
        });
    }

    /** Projects one partition's changes; returns once MongoDB acknowledged them. */
    void accept(int partition, List<Change> changes, List<DeadLetter> unreadable) {
        projection(perPartition() ? partition : ONLY).accept(changes, unreadable);
    }

    /**
     * The task's one projector, for rebuilds and repairs; empty when state is kept per partition, since
     * then no projector holds a whole projection's rows.
     */
    java.util.Optional<SinkProjection> single() {
        return perPartition() ? java.util.Optional.empty() : java.util.Optional.of(open.get(ONLY));
    }

    MongoDatabase database() {
        return database;
    }

    List<ProjectionDefinition> definitions() {
        return definitions;
    }

    /** The connector's name: the scope of the one projector, and the start of every partition's. */
    String connector() {
        return connector;
    }

    /** Moves every open projector's time on. */
    void advanceTime() {
        open.values().forEach(SinkProjection::advanceTime);
    }

    /** The state scope of a partition's projector: the connector's name, and the partition when split. */
    static String scope(String connector, int partition, int partitions) {
        return partitions > 1 ? connector + "-p" + partition : connector;
    }

    private SinkProjection projection(int number) {
        // Opened on first use too: a record of a partition closed under a cooperative rebalance and given back.
        return open.computeIfAbsent(number, n -> new SinkProjection(database, definitions, markerGrace,
                scope(connector, n, partitions)));
    }

    @Override
    public void close() {
        open.values().forEach(SinkProjection::close);
        open.clear();
        mongo.close();
    }
}
