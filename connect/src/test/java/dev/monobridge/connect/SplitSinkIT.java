package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.capture.RootKeyRouting;
import dev.monobridge.connector.bridge.TestDatabase;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoDeadLetters;
import dev.monobridge.projector.mongo.MongoProjectionStore;

/**
 * One projection split between two sink tasks: Debezium's PostgreSQL source routes the demo's customer and
 * bet topics by the customer's id (PartitionRouting, as {@link RootKeyRouting} gives it) into two partitions
 * each, the sink runs two tasks with state per partition, and a worker stopped mid-workload forces the
 * partitions to move. One cluster, one test.
 */
class SplitSinkIT {

    @RegisterExtension
    static final ConnectServers SERVERS = new ConnectServers("split_");

    private static final Path DEFINITION = Path.of("../config/projections/customer-bets.yaml");
    private static final int PARTITIONS = 2;
    private static final int TASKS = 2;
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);

    @Test
    void twoTasksOverCoPartitionedTopicsWithAForcedRebalanceMidWorkloadConvergeWithNoDifferences() throws Exception {
        ProjectionDefinition customerBets = new ProjectionDefinitionReader().readText(DEFINITION.toString(), Files.readString(DEFINITION));
        List<ProjectionDefinition> projections = List.of(customerBets);
        RootKeyRouting routing = RootKeyRouting.of(projections);
        TestDatabase database = SERVERS.database();
        String name = SERVERS.name();
        String source = SERVERS.source();
        String sink = SERVERS.sink();
        DemoSchema.seed(database.dataSource(), DemoSize.small(), 31);
        // What connect-config asks of the source: deletes of bets must carry customer_id to be routed.
        routing.requirements().forEach(statement -> execute(database, statement));

        SERVERS.connect().startSource(source, database.source(projections), name, routing.sourceSettings(name, PARTITIONS));
        Map<String, String> settings = new HashMap<>();
        settings.put(SinkSettings.MONGODB_URI, SERVERS.sources().mongoUri());
        settings.put(SinkSettings.MONGODB_DATABASE, name);
        settings.put(SinkSettings.PROJECTIONS_YAML, Files.readString(DEFINITION));
        settings.put(SinkSettings.TOPIC_PARTITIONS, Integer.toString(PARTITIONS));
        settings.put("tasks.max", Integer.toString(TASKS));
        // A list, as a split sink requires: every task's consumer subscribes to the same topics.
        settings.put("topics", name + ".public.customer," + name + ".public.bet");
        settings.put("consumer.override.partition.assignment.strategy", RangeAssignor.class.getName());
        settings.put("consumer.override.group.protocol", "classic");
        SERVERS.connect().startSink(sink, name, settings);
        SERVERS.connect().awaitRunning(source);
        SERVERS.connect().awaitRunning(sink, TASKS);

        MongoDatabase target = SERVERS.mongo().getDatabase(name);
        OracleComparison comparison = new OracleComparison(new SqlOracle(database.dataSource()), target);
        awaitNoDifferences(comparison, projections, "after the snapshot");
        assertThat(partitionCounts(name + ".public.customer", name + ".public.bet"))
                .as("partitions per topic").containsOnly(Map.entry(name + ".public.bet", PARTITIONS),
                        Map.entry(name + ".public.customer", PARTITIONS));
        await().atMost(CONVERGENCE).untilAsserted(() -> assertThat(assignments("connect-" + sink))
                .as("each task's partitions").hasSize(TASKS).allSatisfy(partitions -> assertThat(partitions).isNotEmpty()));

        WorkerHandle stopped = SERVERS.connect().workerOf(sink);
        try (LoadGenerator workload = new LoadGenerator(database.dataSource(), 1000, 31)) {
            workload.start();
            await().atMost(CONVERGENCE).until(() -> workload.changes() >= 1500);
            // A rebalance while the stream flows: the stopped worker's task and its partitions move.
            SERVERS.connect().harness().removeWorker(stopped);
            SERVERS.connect().awaitRunning(sink, TASKS);
            long atHandOver = workload.changes();
            await().atMost(CONVERGENCE).until(() -> workload.changes() >= atHandOver + 1500);
            assertThat(workload.errors()).as("workload errors").isZero();
        } finally {
            SERVERS.connect().harness().addWorker();
        }
        awaitNoDifferences(comparison, projections, "after two tasks and a rebalance mid-workload");
        assertThat(new MongoDeadLetters(target).count()).as("dead letters").isZero();
        // Each partition number's state is its own, and both hold rows: both partitions were projected,
        // and no task held the other's roots.
        for (int partition = 0; partition < PARTITIONS; partition++) {
            String states = MongoProjectionStore.statesCollection(SinkProjections.scope(sink, partition, PARTITIONS));
            assertThat(target.getCollection(states).countDocuments()).as(states).isPositive();
        }
        assertThat(target.listCollectionNames().into(new java.util.ArrayList<>()))
                .as("no state scoped by the connector alone").doesNotContain(MongoProjectionStore.statesCollection(sink));
    }

    private static void awaitNoDifferences(OracleComparison comparison, List<ProjectionDefinition> projections, String when) {
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(comparison.differences(projections, Instant.now())).as(when).isEmpty());
    }

    private static void execute(TestDatabase database, String statement) {
        try {
            database.execute(statement);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(statement, e);
        }
    }

    private static Map<String, Integer> partitionCounts(String... topics) {
        Map<String, Integer> counts = new TreeMap<>();
        SERVERS.connect().harness().kafka().describeTopics(topics).forEach((topic, description) ->
                counts.put(topic, description.map(d -> d.partitions().size()).orElse(0)));
        return counts;
    }

    /** Each member of the sink's consumer group (one per task), with the partition numbers it holds. */
    private static List<Set<Integer>> assignments(String group) throws Exception {
        try (Admin admin = SERVERS.connect().harness().kafka().createAdminClient()) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
            return description.members().stream().map(MemberDescription::assignment)
                    .map(a -> a.topicPartitions().stream().map(tp -> tp.partition()).collect(Collectors.toSet()))
                    .toList();
        }
    }
}
