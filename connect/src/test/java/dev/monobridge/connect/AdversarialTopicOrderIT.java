package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.capture.source.postgres.PostgresAdapter;
import dev.monobridge.capture.source.postgres.PostgresSource;
import dev.monobridge.connector.bridge.EmbeddedSources;
import dev.monobridge.connector.bridge.TestDatabase;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.connector.oracle.OracleComparison;
import dev.monobridge.connector.oracle.SqlOracle;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoDeadLetters;
import dev.monobridge.projector.mongo.MongoProjectionStore;

/**
 * Adversarial topic order through Kafka (issue 13). Debezium's PostgreSQL source connector records a
 * change log into its per-table topics in two rounds: an initial snapshot and a random workload; then,
 * after changes no source saw, a second snapshot (a new slot) and more of the workload. The log is read
 * back and produced again, unchanged, to a second set of topics one table at a time, each table's
 * round consumed and acknowledged by the Monobridge sink before the next table's is produced: children
 * before parents in one test, parents (their deletes) before children in the other. Every document must
 * equal the oracle at the source's final state.
 *
 * <p>Why two snapshots: with one table's topic entirely before another's, the snapshot's {@code last}
 * mark can do harm only when another table already holds rows from before that snapshot and has not yet
 * received this snapshot's reads of them. Without the sink's per-table snapshot ends (an end for all
 * tables on the last table's topic), the second round removes those rows and then refuses their
 * re-reads, and the documents lose them.
 */
class AdversarialTopicOrderIT {

    private static final String PROJECTIONS_DIRECTORY = "../config/projections";
    private static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of(PROJECTIONS_DIRECTORY));
    private static final Duration CONVERGENCE = Duration.ofSeconds(120);
    private static final long SEED = 31;

    /** Each parent table with the child table that refers to it and the referring column. */
    private static final List<Link> LINKS = List.of(new Link("public.meeting", "public.race", "meeting_id"),
            new Link("public.race", "public.runner", "race_id"), new Link("public.event", "public.market", "event_id"),
            new Link("public.market", "public.selection", "market_id"), new Link("public.customer", "public.bet", "customer_id"));
    /** Deepest children first, roots last; the reverse puts the roots (and their deletes) first. */
    private static final List<String> CHILDREN_FIRST = List.of("public.runner", "public.selection", "public.bet", "public.race",
            "public.market", "public.meeting", "public.event", "public.customer");

    private static EmbeddedSources sources;
    private static ConnectCluster connect;
    private static MongoClient mongo;
    private static TestDatabase database;
    private static RecordedChangeLog log;
    private static String secondSlot;

    record Link(String parent, String child, String column) {
    }

    @BeforeAll
    static void recordAChangeLogInTwoRounds() throws SQLException, InterruptedException {
        sources = new EmbeddedSources();
        connect = new ConnectCluster();
        mongo = MongoClients.create(sources.mongoUri());
        database = new TestDatabase(sources, "order_");
        secondSlot = database.name() + "_again";
        String recorded = database.name();
        DemoSchema.seed(database.dataSource(), DemoSize.small(), SEED);

        try (LoadGenerator workload = new LoadGenerator(database.dataSource(), 2000, SEED)) {
            String first = recorded + "-source";
            connect.startSource(first, database.source(PROJECTIONS), recorded);
            connect.awaitRunning(first);
            workload.runSteps(300);
            awaitCaughtUp(first);
            connect.delete(first);
            Map<String, Long> firstRound = RecordedChangeLog.endOffsets(connect.harness().kafka(), recorded);

            // Seen by no source: only the second snapshot, and its end's reconcile of each table, bring these to the documents.
            workload.runSteps(100);
            String second = recorded + "-source-again";
            connect.startSource(second, secondSource(), recorded);
            connect.awaitRunning(second);
            workload.runSteps(200);
            awaitCaughtUp(second);
            connect.delete(second);
            assertThat(workload.errors()).as("workload errors").isZero();
            log = RecordedChangeLog.read(connect.harness().kafka(), recorded, List.of(firstRound));
        }
        assertThat(log.tables()).as("the recorded topics").containsExactlyInAnyOrderElementsOf(
                new ProjectionPlan(PROJECTIONS).tables());
    }

    /** The same database and publication, a new slot: Debezium has no offsets for it and snapshots again. */
    private static PostgresAdapter secondSource() {
        List<String> tables = new ProjectionPlan(PROJECTIONS).tables().stream().sorted().toList();
        return new PostgresAdapter(new PostgresSource(sources.host(), sources.port(), database.name(), sources.user(),
                sources.password(), secondSlot, database.name(), "filtered", "initial", tables, Duration.ofMillis(20), 1024,
                PostgresSource.DEFAULT_HEARTBEAT));
    }

    /**
     * Waits until Connect has committed a source offset at or past a change made after everything else:
     * it commits an offset only once every record before it is written to Kafka, so then the topics
     * hold the whole log.
     */
    private static void awaitCaughtUp(String source) throws SQLException {
        long before = database.queryLong("select pg_current_wal_lsn() - '0/0'::pg_lsn");
        database.execute("update customer set name = name where id = (select min(id) from customer)");
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500)).until(() -> committedLsn(source) >= before);
    }

    private static long committedLsn(String source) {
        long lsn = -1;
        for (ConnectorOffset offset : connect.harness().connectorOffsets(source).offsets()) {
            Object value = offset.offset().get("lsn");
            if (value instanceof Number number) {
                lsn = Math.max(lsn, number.longValue());
            }
        }
        return lsn;
    }

    @AfterAll
    static void stopServers() throws SQLException {
        if (connect != null) {
            connect.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (database != null) {
            TestDatabase.dropSlot(sources.dataSource(), secondSlot);
            database.close();
        }
        if (sources != null) {
            sources.close();
        }
    }

    @Test
    void childrensTopicsEntirelyBeforeTheirParentsConvergeToTheOracle() throws Exception {
        String prefix = database.name() + "_children_first";
        List<List<String>> consumed = replay(prefix, CHILDREN_FIRST);

        assertThat(childrenConsumedBeforeTheirParentsInsert(consumed)).as("child rows whose first record the sink acknowledged "
                + "before any record of their parent row existed on its topic").isPositive();
        awaitOracle(prefix);
    }

    @Test
    void parentsTopicsAndTheirDeletesEntirelyBeforeTheirChildrensConvergeToTheOracle() throws Exception {
        String prefix = database.name() + "_parents_first";
        List<List<String>> consumed = replay(prefix, reversed(CHILDREN_FIRST));

        assertThat(parentDeletesConsumedBeforeTheirChildrensInserts(consumed)).as("parent rows whose delete the sink acknowledged "
                + "before the insert or snapshot read of a child row of theirs, which the source made before the delete").isPositive();
        awaitOracle(prefix);
    }

    /**
     * Produces the recorded log again, round by round, to {@code prefix.schema.table}: in each round one
     * table's records at a time in the given order, each acknowledged by the sink (its committed
     * offset at the end) before the next is produced. The order in which tables' rounds were consumed.
     */
    private List<List<String>> replay(String prefix, List<String> order) throws Exception {
        for (String table : order) {
            connect.harness().kafka().createTopic(prefix + "." + table, 1);
        }
        String sink = prefix + "-sink";
        connect.startSink(sink, prefix, Map.of(SinkSettings.MONGODB_URI, sources.mongoUri(), SinkSettings.MONGODB_DATABASE, prefix,
                SinkSettings.PROJECTIONS_DIRECTORY, PROJECTIONS_DIRECTORY));
        connect.awaitRunning(sink);
        List<List<String>> consumed = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = connect.harness().kafka().createProducer(Map.of());
             Admin admin = connect.harness().kafka().createAdminClient()) {
            for (int round = 0; round < log.rounds(); round++) {
                List<String> thisRound = new ArrayList<>();
                for (String table : order) {
                    List<ConsumerRecord<byte[], byte[]>> records = log.round(round, table);
                    if (records.isEmpty()) {
                        continue;
                    }
                    String topic = prefix + "." + table;
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        producer.send(new ProducerRecord<>(topic, 0, record.timestamp(), record.key(), record.value(), record.headers()));
                    }
                    producer.flush();
                    long end = endOffset(topic);
                    await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(200))
                            .until(() -> committed(admin, sink, new TopicPartition(topic, 0)) >= end);
                    thisRound.add(table);
                }
                consumed.add(thisRound);
            }
        }
        return consumed;
    }

    private static long endOffset(String topic) throws Exception {
        return connect.harness().kafka().endOffset(new TopicPartition(topic, 0));
    }

    /** The sink's committed offset of the partition: it commits only past what MongoDB acknowledged. */
    private static long committed(Admin admin, String sink, TopicPartition partition) throws InterruptedException, ExecutionException {
        OffsetAndMetadata offset = admin.listConsumerGroupOffsets("connect-" + sink).partitionsToOffsetAndMetadata().get().get(partition);
        return offset == null ? 0 : offset.offset();
    }

    private void awaitOracle(String mongoDatabase) {
        MongoDatabase target = mongo.getDatabase(mongoDatabase);
        OracleComparison comparison = new OracleComparison(new SqlOracle(database.dataSource()), target);
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Instant asOf = MongoProjectionStore.storedProjectionTime(target, mongoDatabase + "-sink").orElse(Instant.now());
            assertThat(comparison.differences(PROJECTIONS, asOf)).as("documents against the oracle; records per table and round: "
                    + log.counts()).isEmpty();
        });
        assertThat(new MongoDeadLetters(target).count()).as("dead letters").isZero();
    }

    private static List<String> reversed(List<String> order) {
        List<String> reversed = new ArrayList<>(order);
        java.util.Collections.reverse(reversed);
        return reversed;
    }

    /** Where each (round, table) came in the sink's consumption: its index in the flattened order. */
    private static int sequence(List<List<String>> consumed, int round, String table) {
        int sequence = 0;
        for (int r = 0; r < consumed.size(); r++) {
            for (String t : consumed.get(r)) {
                if (r == round && t.equals(table)) {
                    return sequence;
                }
                sequence++;
            }
        }
        throw new AssertionError(table + " had no records in round " + round);
    }

    /** Child rows (by key) whose first insert or read the sink consumed before the first insert or read of their parent. */
    private static int childrenConsumedBeforeTheirParentsInsert(List<List<String>> consumed) {
        int count = 0;
        for (Link link : LINKS) {
            Map<Long, Integer> parentFirstSeen = firstInsertOrRead(link.parent(), "id", consumed);
            Map<Long, Integer> childFirstSeen = new HashMap<>();
            Map<Long, Long> childParent = new HashMap<>();
            for (int round = 0; round < log.rounds(); round++) {
                for (ConsumerRecord<byte[], byte[]> record : log.round(round, link.child())) {
                    JsonNode after = insertOrRead(record);
                    if (after != null && !childFirstSeen.containsKey(after.get("id").asLong())) {
                        childFirstSeen.put(after.get("id").asLong(), sequence(consumed, round, link.child()));
                        childParent.put(after.get("id").asLong(), after.get(link.column()).asLong());
                    }
                }
            }
            for (Map.Entry<Long, Integer> child : childFirstSeen.entrySet()) {
                Integer parent = parentFirstSeen.get(childParent.get(child.getKey()));
                if (parent != null && child.getValue() < parent) {
                    count++;
                }
            }
        }
        return count;
    }

    /** Parent deletes the sink consumed before an insert or read of one of their children, which the source made earlier. */
    private static int parentDeletesConsumedBeforeTheirChildrensInserts(List<List<String>> consumed) {
        int count = 0;
        for (Link link : LINKS) {
            Map<Long, Integer> deleted = new HashMap<>();
            for (int round = 0; round < log.rounds(); round++) {
                for (ConsumerRecord<byte[], byte[]> record : log.round(round, link.parent())) {
                    JsonNode payload = RecordedChangeLog.payload(record);
                    if (payload != null && "d".equals(payload.get("op").asText())) {
                        deleted.putIfAbsent(payload.get("before").get("id").asLong(), sequence(consumed, round, link.parent()));
                    }
                }
            }
            for (int round = 0; round < log.rounds(); round++) {
                for (ConsumerRecord<byte[], byte[]> record : log.round(round, link.child())) {
                    JsonNode after = insertOrRead(record);
                    Integer delete = after == null ? null : deleted.get(after.get(link.column()).asLong());
                    // A foreign key with a cascade: the source inserted every child of a parent before deleting it.
                    if (delete != null && delete < sequence(consumed, round, link.child())) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    private static Map<Long, Integer> firstInsertOrRead(String table, String key, List<List<String>> consumed) {
        Map<Long, Integer> first = new HashMap<>();
        for (int round = 0; round < log.rounds(); round++) {
            for (ConsumerRecord<byte[], byte[]> record : log.round(round, table)) {
                JsonNode after = insertOrRead(record);
                if (after != null) {
                    first.putIfAbsent(after.get(key).asLong(), sequence(consumed, round, table));
                }
            }
        }
        return first;
    }

    /** The after image of an insert or snapshot read; null for anything else. */
    private static JsonNode insertOrRead(ConsumerRecord<byte[], byte[]> record) {
        JsonNode payload = RecordedChangeLog.payload(record);
        if (payload == null) {
            return null;
        }
        String op = payload.get("op").asText();
        return op.equals("c") || op.equals("r") ? payload.get("after") : null;
    }
}
