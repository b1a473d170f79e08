package dev.monobridge.connector.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.bridge.EmbeddedSources;
import dev.monobridge.connector.bridge.TestDatabase;
import dev.monobridge.connector.demo.DemoSchema;
import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.connector.demo.LoadGenerator;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * The offsets file lost or damaged while the bridge is down (P7: never a silent skip; P1 afterwards). A
 * truncated or garbled file stops start-up with one line that names the file and the two ways on, and
 * touches nothing; restoring the file resumes where capture stopped. A deleted file is a new snapshot,
 * whose end makes every document equal the source, rewriting only the documents that changed.
 */
class OffsetsFaultIT {

    @RegisterExtension
    static final BridgeFixture FIXTURE = new BridgeFixture(EmbeddedSources::new);

    @Test
    void aTruncatedOrGarbledOffsetsFileStopsStartUpWithOneLineAndRestoringItResumes() throws SQLException, IOException {
        DemoSchema.seed(FIXTURE.source(), DemoSize.tiny(), 21);
        FIXTURE.start();
        FIXTURE.awaitOracle("documents equal the oracle after the snapshot");
        FIXTURE.stop();
        Path file = FIXTURE.offsetsFile();
        byte[] saved = Files.readAllBytes(file);
        Map<String, String> documents = FIXTURE.rawDocuments();

        Files.write(file, Arrays.copyOf(saved, saved.length / 2));
        assertThatThrownBy(FIXTURE::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("offsets file " + file.toAbsolutePath() + " is truncated")
                .hasMessageContaining("restore it from a backup", "move it aside")
                .hasMessageNotContaining("\n");
        Files.writeString(file, "{\"lsn\": 27688632}", StandardCharsets.UTF_8);
        assertThatThrownBy(FIXTURE::start).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("offsets file " + file.toAbsolutePath() + " is not an offsets file")
                .hasMessageNotContaining("\n");
        assertThat(Files.readString(file)).as("the damaged file, left for the operator").isEqualTo("{\"lsn\": 27688632}");
        assertThat(FIXTURE.rawDocuments()).as("documents after the refused starts").isEqualTo(documents);

        // Restored from a backup: capture resumes where it stopped, with no second snapshot.
        Files.write(file, saved);
        FIXTURE.execute("update event set name = name || ' (rearranged)' where id = (select min(id) from event)");
        Bridge bridge = FIXTURE.start();
        FIXTURE.awaitOracle("documents equal the oracle after restoring the offsets");
        assertThat(bridge.stats().changes()).as("changes read after the restore: the one update, no snapshot").isEqualTo(1);
    }

    @Test
    void aDeletedOffsetsFileTakesANewSnapshotThatConvergesAndRewritesOnlyWhatChanged() throws SQLException, IOException {
        DemoSchema.seed(FIXTURE.source(), DemoSize.small(), 22);
        FIXTURE.start();
        try (LoadGenerator workload = new LoadGenerator(FIXTURE.source(), 2000, 22)) {
            workload.runSteps(200);
        }
        FIXTURE.awaitOracle("documents equal the oracle before the offsets are lost");
        FIXTURE.stop();
        Map<String, BsonDocument> before = documentsWithMeta();

        // While the bridge is down the source moves on (rows change, some go), and the offsets file is lost.
        try (LoadGenerator workload = new LoadGenerator(FIXTURE.source(), 2000, 2022)) {
            workload.runSteps(40);
            assertThat(workload.errors()).isZero();
        }
        long meeting = FIXTURE.database().queryLong("select min(id) from meeting");
        String meetingDocument = "racing_homepage/" + new BsonInt64(meeting);
        assertThat(before).as("documents before").containsKey(meetingDocument);
        FIXTURE.execute("delete from meeting where id = " + meeting);
        Files.delete(FIXTURE.offsetsFile());

        Bridge bridge = FIXTURE.start();
        long rows = FIXTURE.database().queryLong("select (select count(*) from meeting) + (select count(*) from race)"
                + " + (select count(*) from runner) + (select count(*) from event) + (select count(*) from market)"
                + " + (select count(*) from selection) + (select count(*) from customer) + (select count(*) from bet)");
        await("the new snapshot reads every row").atMost(Duration.ofSeconds(60)).until(() -> bridge.stats().changes() >= rows);
        FIXTURE.awaitOracle("documents equal the oracle after a new snapshot");

        Map<String, BsonDocument> after = documentsWithMeta();
        int unchanged = 0;
        int changed = 0;
        for (Map.Entry<String, BsonDocument> entry : before.entrySet()) {
            BsonDocument now = after.get(entry.getKey());
            if (now == null || !content(now).equals(content(entry.getValue()))) {
                changed++;
                continue;
            }
            unchanged++;
            assertThat(now.getDocument("_meta")).as("%s, unchanged in the source, is not rewritten", entry.getKey())
                    .isEqualTo(entry.getValue().getDocument("_meta"));
        }
        assertThat(changed).as("documents the source changed or removed while the bridge was down").isPositive();
        assertThat(unchanged).as("documents the source left alone").isPositive();
        assertThat(after).as("documents after: the deleted meeting's is gone").doesNotContainKey(meetingDocument);
        System.out.printf("OffsetsFaultIT: a new snapshot of %,d rows after the offsets were lost: %d documents changed or removed,"
                + " %d unchanged and not rewritten%n", rows, changed, unchanged);
    }

    @Test
    void aLostSlotAndOffsetsFileTakeANewSnapshotWhoseEndRemovesWhatWasDeletedMeanwhile() throws SQLException, IOException {
        DemoSchema.seed(FIXTURE.source(), DemoSize.tiny(), 23);
        FIXTURE.start();
        FIXTURE.awaitOracle("documents equal the oracle after the first snapshot");
        FIXTURE.stop();

        // The delete happens where no stream will ever show it: the slot that held it is dropped too.
        long meeting = FIXTURE.database().queryLong("select min(id) from meeting");
        FIXTURE.execute("delete from meeting where id = " + meeting);
        TestDatabase.dropSlot(FIXTURE.sources().dataSource(), FIXTURE.database().name());
        Files.delete(FIXTURE.offsetsFile());

        FIXTURE.start();
        FIXTURE.awaitOracle("documents equal the oracle after a snapshot on a new slot");
        assertThat(FIXTURE.documents().getCollection("racing_homepage").countDocuments(new BsonDocument("_id", new BsonInt64(meeting))))
                .as("the document of the meeting deleted while no slot held its delete").isZero();
    }

    private static Map<String, BsonDocument> documentsWithMeta() {
        Map<String, BsonDocument> documents = new TreeMap<>();
        for (ProjectionDefinition projection : BridgeFixture.PROJECTIONS) {
            for (BsonDocument document : FIXTURE.documents().getCollection(projection.collection(), BsonDocument.class).find()) {
                documents.put(projection.collection() + "/" + document.get("_id"), document);
            }
        }
        return documents;
    }

    private static BsonDocument content(BsonDocument document) {
        BsonDocument content = document.clone();
        content.remove("_meta");
        return content;
    }
}
