package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoRebuildJournal;
import dev.monobridge.projector.mongo.MongoRebuildRequests;
import dev.monobridge.projector.mongo.MongoSinkRegistry;
import dev.monobridge.projector.rebuild.RebuildProgress;

/**
 * The sink task's admin against the in-process MongoDB, one round at a time: what it answers without a
 * source connection, whose requests it takes, what it leaves for {@code monobridge status}, and what it
 * cleans up after a task that stopped mid-rebuild. Rebuilds that read the source: ConnectRebuildIT.
 */
class SinkAdminTest {

    private static final String DATABASE = "sink_admin";
    private static final String SINK = "monobridge-racing";
    private static final List<ProjectionDefinition> PROJECTIONS =
            new ProjectionDefinitionReader().readDirectory(Path.of(MonobridgeSinkConnectorTest.PROJECTIONS));

    private InProcessMongo mongo;
    private MongoClient client;
    private SinkProjections projection;
    private SinkAdmin admin;

    private static final List<ProjectionDefinition> RACING_HOMEPAGE =
            PROJECTIONS.stream().filter(p -> p.name().equals("racing-homepage")).toList();

    @BeforeEach
    void open() {
        mongo = InProcessMongo.start();
        client = MongoClients.create(mongo.connectionString());
        projection = new SinkProjections(mongo.connectionString(), DATABASE, RACING_HOMEPAGE, Duration.ofHours(1), SINK, 1);
        admin = new SinkAdmin(projection, Optional.empty(), 1, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        admin.close();
        projection.close();
        client.close();
        mongo.close();
    }

    private MongoDatabase database() {
        return client.getDatabase(DATABASE);
    }

    @Test
    void aRebuildOrRepairAskedOfASinkWithoutASourceConnectionIsRefusedWithWhatToSet() {
        MongoRebuildRequests requests = new MongoRebuildRequests(database());
        requests.request("racing-homepage", "7", false, Instant.now());

        admin.tick();

        BsonDocument status = requests.status("racing-homepage").orElseThrow();
        assertThat(status.getString("phase").getValue()).isEqualTo("FAILED");
        assertThat(status.getString("key").getValue()).isEqualTo("7");
        assertThat(status.getString("error").getValue())
                .startsWith("this sink has no source connection: set source.jdbc.url, source.jdbc.user and source.jdbc.password");
        assertThat(requests.take()).as("the request was taken").isEmpty();
    }

    @Test
    void aRebuildAskedOfASinkWhoseProjectionIsSplitBetweenTasksIsRefusedWithTheReason() {
        admin.close();
        SinkSettings.SourceConnection source = new SinkSourceSettingsTest().connection("jdbc:postgresql://nowhere:5432/legacy");
        admin = new SinkAdmin(projection, Optional.of(source), 2, Clock.systemUTC());
        MongoRebuildRequests requests = new MongoRebuildRequests(database());
        requests.request("racing-homepage", null, false, Instant.now());

        admin.tick();

        BsonDocument status = requests.status("racing-homepage").orElseThrow();
        assertThat(status.getString("phase").getValue()).isEqualTo("FAILED");
        assertThat(status.getString("error").getValue()).contains("needs the projection in one task").contains("runs 2 (tasks.max)");
    }

    @Test
    void aRebuildAskedOfASinkWhoseStateIsKeptPerPartitionIsRefusedEvenWithOneTask() {
        admin.close();
        projection.close();
        projection = new SinkProjections(mongo.connectionString(), DATABASE, RACING_HOMEPAGE, Duration.ofHours(1), SINK, 2);
        SinkSettings.SourceConnection source = new SinkSourceSettingsTest().connection("jdbc:postgresql://nowhere:5432/legacy");
        admin = new SinkAdmin(projection, Optional.of(source), 1, Clock.systemUTC());
        MongoRebuildRequests requests = new MongoRebuildRequests(database());
        requests.request("racing-homepage", "7", false, Instant.now());

        admin.tick();

        BsonDocument status = requests.status("racing-homepage").orElseThrow();
        assertThat(status.getString("phase").getValue()).isEqualTo("FAILED");
        assertThat(status.getString("error").getValue()).contains("needs the projection in one task with one partition")
                .contains("(topic.partitions)");
    }

    @Test
    void aSinkTakesOnlyTheRequestsForItsOwnProjectionsAndLeavesTheOthersForTheirSinks() {
        MongoRebuildRequests requests = new MongoRebuildRequests(database());
        requests.request("event-page", null, false, Instant.now());

        admin.tick();

        assertThat(requests.status("event-page")).as("answered by no one yet").isEmpty();
        assertThat(requests.take()).singleElement().satisfies(left -> assertThat(left.projection()).isEqualTo("event-page"));
    }

    @Test
    void eachRoundTellsStatusWhichProjectionsTheSinkRunsAndWhetherItCanRebuild() {
        admin.tick();

        assertThat(new MongoSinkRegistry(database()).sinks()).singleElement().satisfies(sink -> {
            assertThat(sink.name()).isEqualTo(SINK);
            assertThat(sink.projections()).containsExactly("racing-homepage");
            assertThat(sink.canRebuild()).isFalse();
            assertThat(sink.seenAt()).isAfter(Instant.now().minusSeconds(60));
        });
    }

    @Test
    void atStartAShadowThisSinksStoppedTaskLeftIsDroppedAndAnotherSinksShadowIsKept() {
        MongoRebuildJournal journal = new MongoRebuildJournal(database(), Clock.systemUTC());
        journal.begin("racing-homepage", "racing_homepage__rebuild");
        database().getCollection("racing_homepage__rebuild").insertOne(new Document("_id", 1));
        journal.begin("event-page", "event_page__rebuild");
        database().getCollection("event_page__rebuild").insertOne(new Document("_id", 1));
        MongoRebuildRequests requests = new MongoRebuildRequests(database());
        Instant started = Instant.now();
        requests.publish(new RebuildProgress.Snapshot("racing-homepage", null, RebuildProgress.Phase.RENDER, 10, 20, 3, 1, 1,
                Duration.ofSeconds(10), started, null, null));

        admin.start();

        // The admin's first round cleans up, the interrupted rebuild's status last.
        await().atMost(Duration.ofSeconds(10)).until(() -> requests.status("racing-homepage")
                .map(status -> status.getString("phase").getValue()).orElse("").equals("FAILED"));
        List<String> collections = database().listCollectionNames().into(new ArrayList<>());
        assertThat(collections).doesNotContain("racing_homepage__rebuild").contains("event_page__rebuild");
        assertThat(journal.unfinished()).containsExactly("event_page__rebuild");
        BsonDocument status = requests.status("racing-homepage").orElseThrow();
        assertThat(status.getString("phase").getValue()).as("a phase that would never move again").isEqualTo("FAILED");
        assertThat(status.getString("error").getValue()).contains("interrupted");
    }
}
