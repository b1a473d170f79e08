package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;

import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoProjectionStore;

/**
 * Two tasks of one split sink, each with its partition of the customer and bet topics, against the
 * in-process MongoDB: what one task's snapshot end removes, and what it must leave to the other.
 */
class SinkProjectionsTest {

    private static final List<ProjectionDefinition> CUSTOMER_BETS = new ProjectionDefinitionReader()
            .readDirectory(Path.of(MonobridgeSinkConnectorTest.PROJECTIONS)).stream()
            .filter(p -> p.name().equals("customer-bets")).toList();
    private static final SourcePosition BEFORE = new SourcePosition(100, 0);
    private static final SourcePosition SNAPSHOT = new SourcePosition(200, 0);
    private static final Instant COMMIT = Instant.parse("2026-12-26T13:40:00Z");
    private static final String DATABASE = "split";

    private InProcessMongo mongo;
    private MongoClient client;
    private SinkProjections first;
    private SinkProjections second;

    @BeforeEach
    void start() {
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.connectionString());
        first = new SinkProjections(mongo.connectionString(), DATABASE, CUSTOMER_BETS, Duration.ofHours(1), "bets", 2);
        second = new SinkProjections(mongo.connectionString(), DATABASE, CUSTOMER_BETS, Duration.ofHours(1), "bets", 2);
        first.assigned(List.of(new TopicPartition("m.public.customer", 0), new TopicPartition("m.public.bet", 0)));
        second.assigned(List.of(new TopicPartition("m.public.customer", 1), new TopicPartition("m.public.bet", 1)));
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
        client.close();
        mongo.close();
    }

    private static Change customer(long id, SourcePosition position) {
        return new Change("public.customer", Op.READ, RowKey.of("id", id), null, Map.of("id", id, "name", "C" + id), position, COMMIT, "7");
    }

    private static Change bet(long id, long customer, SourcePosition position) {
        return bet(id, customer, position, "OPEN");
    }

    private static Change bet(long id, long customer, SourcePosition position, String status) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("customer_id", customer);
        row.put("selection_id", 1L);
        row.put("stake", new BigDecimal("5.00"));
        row.put("price", new BigDecimal("2.50"));
        row.put("status", status);
        row.put("placed_at", COMMIT.minusSeconds(id));
        row.put("settled_at", null);
        return new Change("public.bet", Op.READ, RowKey.of("id", id), null, row, position, COMMIT, "7");
    }

    private static Change snapshotEnd(String table) {
        return new Change(table, Op.SNAPSHOT_END, null, null, null, SNAPSHOT, COMMIT, "7");
    }

    /** The bet ids of each customer's document. */
    private Map<Object, List<Object>> bets() {
        Map<Object, List<Object>> bets = new TreeMap<>();
        for (Document document : client.getDatabase(DATABASE).getCollection("customer_bets").find()) {
            bets.put(document.get("id"), document.getList("bets", Document.class, List.of()).stream().map(b -> b.get("id")).toList());
        }
        return bets;
    }

    @Test
    void aSnapshotEndOnOnePartitionRemovesThatPartitionsUnseenRowsAndLeavesTheOtherTasksRowsInFlight() {
        // Before the new snapshot: customer 1 (partition 0) with bets 10 and 11, customer 2 (partition 1) with bet 20.
        first.accept(0, List.of(customer(1, BEFORE), bet(10, 1, BEFORE), bet(11, 1, BEFORE)), List.of());
        second.accept(1, List.of(customer(2, BEFORE), bet(20, 2, BEFORE)), List.of());

        // The snapshot reads bet 10 again, not bet 11 (deleted while nobody looked); the bet table's last
        // record is on partition 0, while partition 1's snapshot records are still in flight.
        first.accept(0, List.of(customer(1, SNAPSHOT), bet(10, 1, SNAPSHOT), snapshotEnd("public.bet"),
                snapshotEnd("public.customer")), List.of());
        assertThat(bets()).containsEntry(1L, List.of(10L)).containsEntry(2L, List.of(20L));

        second.accept(1, List.of(customer(2, SNAPSHOT), bet(20, 2, SNAPSHOT)), List.of());
        assertThat(bets()).containsExactly(Map.entry(1L, List.of(10L)), Map.entry(2L, List.of(20L)));
    }

    @Test
    void aPartitionThatMovesIsOpenedByItsNewOwnerFromMongoDb() {
        second.accept(1, List.of(customer(2, BEFORE), bet(20, 2, BEFORE)), List.of());
        second.revoked(List.of(new TopicPartition("m.public.customer", 1), new TopicPartition("m.public.bet", 1)));
        first.assigned(List.of(new TopicPartition("m.public.customer", 0), new TopicPartition("m.public.bet", 0),
                new TopicPartition("m.public.customer", 1), new TopicPartition("m.public.bet", 1)));

        // A delete carries only the key: the new owner finds bet 20's customer in the state MongoDB kept.
        Change delete = new Change("public.bet", Op.DELETE, RowKey.of("id", 20L), null, null, SNAPSHOT, COMMIT, "8");
        first.accept(1, List.of(delete, bet(21, 2, SNAPSHOT)), List.of());
        assertThat(bets()).containsExactly(Map.entry(2L, List.of(21L)));
    }

    @Test
    void aPartitionGivenBackIsReadFromMongoDbAgainNotFromWhatTheTaskRememberedOfIt() {
        TopicPartition customers = new TopicPartition("m.public.customer", 1);
        TopicPartition bets = new TopicPartition("m.public.bet", 1);
        second.accept(1, List.of(customer(2, BEFORE), bet(20, 2, BEFORE)), List.of());
        second.revoked(List.of(customers, bets));
        first.assigned(List.of(customers, bets));
        first.accept(1, List.of(new Change("public.bet", Op.DELETE, RowKey.of("id", 20L), null, null, SNAPSHOT, COMMIT, "8")),
                List.of());
        first.revoked(List.of(customers, bets));
        second.assigned(List.of(customers, bets));

        // An older change of bet 20 delivered late: the delete marker in MongoDB makes it stale, whatever the
        // second task remembered of bet 20 before the partition went away.
        second.accept(1, List.of(bet(20, 2, new SourcePosition(150, 0), "WON")), List.of());
        assertThat(bets()).containsExactly(Map.entry(2L, List.of()));
        Document state = client.getDatabase(DATABASE)
                .getCollection(MongoProjectionStore.statesCollection(SinkProjections.scope("bets", 1, 2)))
                .find(Filters.and(Filters.eq("_id.t", "public.bet"), Filters.eq("_id.k.id", 20L))).first();
        assertThat(state).as("bet 20's state").isNotNull();
        assertThat(state.getBoolean("d")).as("bet 20 is a delete marker").isTrue();
    }
}
