package dev.monobridge.projector.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;

import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.mongo.MongoProjectionStore;
import dev.monobridge.projector.mongo.MongoProjectorFactory;
import dev.monobridge.projector.mongo.MongoWriters;
import dev.monobridge.projector.testing.InProcessMongo;
import dev.monobridge.projector.testing.MovableClock;

/**
 * Runs every folder under {@code src/test/resources/golden} through the real MongoDB path and checks,
 * for each one:
 * <ol>
 *   <li>the documents equal {@code expected.yaml} (P1), every list is within its {@code max-items} and
 *       every document within its {@code max-bytes} (P2), and the dead letters are exactly those the
 *       case declares (P7);</li>
 *   <li>replaying all the changes writes nothing, records no dead letter, and leaves the documents byte
 *       for byte as they were, apart from {@code _meta.writtenAt} (P4);</li>
 *   <li>the same holds for a projector re-opened on the same database, whose states are loaded from
 *       MongoDB (P4 across a restart);</li>
 *   <li>a projector re-opened before every batch, and before every {@code advance} of the clock, gives
 *       the same documents (P1 across restarts);</li>
 *   <li>a projector whose row-state cache keeps nothing between batches gives the same documents, and
 *       so does its replay: every batch reads its states back from MongoDB (docs/state-store.md).</li>
 * </ol>
 * The file formats, and how values are written, are in {@code src/test/resources/golden/README.md}.
 */
class GoldenCasesTest {

    /** Where every case's clock starts; it moves only with the case's {@code advance} items. */
    private static final Instant START = Instant.parse("2026-12-26T18:00:00Z");
    /**
     * Longer than any case advances its clock, so that no delete marker expires while a case runs: a
     * replayed change to a deleted row must meet its marker.
     */
    private static final Duration MARKER_GRACE = Duration.ofDays(7);

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    @TestFactory
    Stream<DynamicNode> goldenCases() throws IOException, URISyntaxException {
        Path root = Path.of(GoldenCasesTest.class.getResource("/golden").toURI());
        List<Path> folders;
        try (Stream<Path> listing = Files.list(root)) {
            folders = listing.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(folders).as("golden cases under %s", root).isNotEmpty();
        return folders.stream().map(GoldenCasesTest::casesOf);
    }

    // The nodes carry no test-source URI on purpose: Surefire 3.5 drops dynamic tests whose source is
    // not a method, and reports "Tests run: 0".
    private static DynamicNode casesOf(Path folder) {
        GoldenCase golden;
        try {
            golden = GoldenCase.load(folder);
        } catch (RuntimeException e) {
            return dynamicTest(folder.getFileName() + " is a readable golden case", () -> {
                throw e;
            });
        }
        Duration advanced = golden.batches().stream().map(ChangesFile.Batch::advance).reduce(Duration.ZERO, Duration::plus);
        if (advanced.compareTo(MARKER_GRACE) >= 0) {
            return dynamicTest(golden.name() + " advances its clock less than the delete marker grace", () -> {
                throw new IllegalArgumentException(golden.name() + " advances its clock by " + advanced
                        + ", which lets delete markers expire (grace " + MARKER_GRACE + ")");
            });
        }
        return dynamicContainer(golden.name(), Stream.of(
                dynamicTest("gives the expected documents", () -> givesTheExpectedDocuments(golden)),
                dynamicTest("writes nothing when its changes are replayed", () -> writesNothingWhenReplayed(golden, false)),
                dynamicTest("writes nothing when a restarted projector is given its changes again",
                        () -> writesNothingWhenReplayed(golden, true)),
                dynamicTest("gives the same documents when restarted before every batch",
                        () -> givesTheSameDocumentsWhenRestartedBeforeEveryBatch(golden)),
                dynamicTest("gives the same documents, and writes nothing on a replay, with a cache that keeps no row between batches",
                        () -> givesTheSameDocumentsWithACacheThatKeepsNothing(golden)),
                dynamicTest("gives the same documents with the position guards of several writers (Kafka Connect)",
                        () -> givesTheSameDocumentsWithPositionGuards(golden))));
    }

    private static void givesTheExpectedDocuments(GoldenCase golden) {
        Bridge bridge = new Bridge(golden);
        golden.batches().forEach(bridge::feedChecked);
        long declared = golden.batches().stream().mapToLong(batch -> batch.expectedDeadLetters().size()).sum();
        assertThat(bridge.deadLetters())
                .as("dead letters in %s (the case declares %d)", golden.name(), declared)
                .hasSize((int) declared);
        List<BsonDocument> documents = bridge.documents();
        assertDocuments(golden, documents);
        for (BsonDocument document : documents) {
            assertWellFormed(golden, document);
        }
    }

    private static void writesNothingWhenReplayed(GoldenCase golden, boolean restartFirst) {
        Bridge bridge = new Bridge(golden);
        golden.batches().forEach(bridge::feed);
        List<BsonDocument> before = bridge.documents();
        long statesBefore = bridge.rowStates();
        if (restartFirst) {
            bridge.restart();
        }
        int deadLettersBefore = bridge.deadLetters().size();
        for (ChangesFile.Batch batch : golden.batches()) {
            // Time does not pass twice: a replay delivers the changes again, at the time reached.
            if (!batch.isAdvance()) {
                assertThat(bridge.feed(batch)).as("%s: document writes when replaying %s", golden.name(), batch.description()).isZero();
            }
        }
        assertByteIdentical(before, bridge.documents());
        assertThat(bridge.rowStates()).as("row states after the replay").isEqualTo(statesBefore);
        assertThat(bridge.deadLetters()).as("dead letters after the replay").hasSize(deadLettersBefore);
    }

    private static void givesTheSameDocumentsWhenRestartedBeforeEveryBatch(GoldenCase golden) {
        Bridge bridge = new Bridge(golden);
        for (ChangesFile.Batch batch : golden.batches()) {
            bridge.restart();
            bridge.feedChecked(batch);
        }
        assertDocuments(golden, bridge.documents());
    }

    /** A writer reading each table in order never meets a guard of its own writes: the documents are the same (P10). */
    private static void givesTheSameDocumentsWithPositionGuards(GoldenCase golden) {
        Bridge bridge = new Bridge(golden, MongoProjectorFactory.CACHE_ROWS, MongoWriters.SEVERAL);
        golden.batches().forEach(bridge::feedChecked);
        assertDocuments(golden, bridge.documents());
    }

    private static void givesTheSameDocumentsWithACacheThatKeepsNothing(GoldenCase golden) {
        Bridge bridge = new Bridge(golden, 0);
        golden.batches().forEach(bridge::feedChecked);
        List<BsonDocument> documents = bridge.documents();
        assertDocuments(golden, documents);
        for (ChangesFile.Batch batch : golden.batches()) {
            if (!batch.isAdvance()) {
                assertThat(bridge.feed(batch)).as("%s: document writes when replaying %s", golden.name(), batch.description()).isZero();
            }
        }
        assertByteIdentical(documents, bridge.documents());
    }

    private static void assertDocuments(GoldenCase golden, List<BsonDocument> documents) {
        List<Object> actual = comparable(documents, golden.expected());
        List<String> differences = Canonical.differences(golden.expected(), actual);
        if (!differences.isEmpty()) {
            fail("%s: the documents differ from expected.yaml%n  %s%n%nexpected:%n%s%n%nactual:%n%s",
                    golden, String.join(System.lineSeparator() + "  ", differences),
                    Canonical.json(golden.expected()), Canonical.json(actual));
        }
    }

    /**
     * The documents in canonical form, with {@code _meta} cut down to the fields the expected document
     * of the same {@code _id} lists (none when it has no {@code _meta}).
     */
    @SuppressWarnings("unchecked")
    private static List<Object> comparable(List<BsonDocument> documents, List<Object> expected) {
        Map<Object, Map<String, Object>> expectedMeta = new HashMap<>();
        for (Object document : expected) {
            Map<String, Object> fields = (Map<String, Object>) document;
            if (fields.get("_meta") instanceof Map<?, ?> meta) {
                expectedMeta.put(fields.get("_id"), (Map<String, Object>) meta);
            }
        }
        List<Object> comparable = new ArrayList<>();
        for (BsonDocument document : documents) {
            Map<String, Object> fields = (Map<String, Object>) Canonical.of(document);
            Map<String, Object> meta = (Map<String, Object>) fields.remove("_meta");
            Map<String, Object> wanted = expectedMeta.get(fields.get("_id"));
            if (wanted != null && meta != null) {
                Map<String, Object> checked = new TreeMap<>();
                wanted.keySet().stream().filter(meta::containsKey).forEach(key -> checked.put(key, meta.get(key)));
                fields.put("_meta", checked);
            }
            comparable.add(fields);
        }
        return comparable;
    }

    /**
     * What every document carries whatever the case: a complete {@code _meta}, lists within bounds, and
     * a size in MongoDB within {@code max-bytes}.
     */
    private static void assertWellFormed(GoldenCase golden, BsonDocument document) {
        String which = golden.name() + " document " + document.get("_id");
        assertThat(bsonSize(document)).as("%s bytes in MongoDB", which).isLessThanOrEqualTo(golden.definition().maxBytes());
        assertThat(document.containsKey("_meta")).as("%s has _meta", which).isTrue();
        BsonDocument meta = document.getDocument("_meta");
        assertThat(meta.getString("projection").getValue()).as("%s _meta.projection", which).isEqualTo(golden.definition().name());
        assertThat(meta.getNumber("version").intValue()).as("%s _meta.version", which).isEqualTo(golden.definition().version());
        assertThat(SourcePosition.parse(meta.getString("position").getValue())).as("%s _meta.position", which).isNotNull();
        assertThat(meta.isDateTime("commitTime")).as("%s _meta.commitTime is a date", which).isTrue();
        assertThat(meta.isDateTime("writtenAt")).as("%s _meta.writtenAt is a date", which).isTrue();
        assertWithinBounds(golden.definition().root(), document, which);
    }

    private static void assertWithinBounds(NodeDefinition node, BsonDocument level, String where) {
        for (NodeDefinition list : node.lists()) {
            String at = where + " ." + list.field();
            assertThat(level.isArray(list.field())).as("%s is a list", at).isTrue();
            BsonArray entries = level.getArray(list.field());
            list.maxItems().ifPresent(max -> assertThat(entries.size()).as("entries in %s", at).isLessThanOrEqualTo(max));
            for (BsonValue entry : entries) {
                assertWithinBounds(list, entry.asDocument(), at + "[" + entry.asDocument().get(list.keyField()) + "]");
            }
        }
    }

    private static void assertByteIdentical(List<BsonDocument> before, List<BsonDocument> after) {
        assertThat(after).as("documents after the replay").hasSameSizeAs(before);
        for (int i = 0; i < before.size(); i++) {
            if (!Arrays.equals(bytesWithoutWrittenAt(before.get(i)), bytesWithoutWrittenAt(after.get(i)))) {
                fail("document %s changed in the replay%nbefore: %s%nafter:  %s",
                        before.get(i).get("_id"), before.get(i).toJson(), after.get(i).toJson());
            }
        }
    }

    private static int bsonSize(BsonDocument document) {
        return new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().remaining();
    }

    private static byte[] bytesWithoutWrittenAt(BsonDocument document) {
        BsonDocument copy = document.clone();
        if (copy.isDocument("_meta")) {
            copy.getDocument("_meta").remove("writtenAt");
        }
        RawBsonDocument raw = new RawBsonDocument(copy, new BsonDocumentCodec());
        byte[] bytes = new byte[raw.getByteBuffer().remaining()];
        raw.getByteBuffer().get(bytes);
        return bytes;
    }

    /**
     * A projector on a fresh database, with a clock of its own, which can be re-opened there as after a
     * restart (the clock goes on; the projection time is reloaded from MongoDB).
     */
    private static final class Bridge {
        private final GoldenCase golden;
        private final MongoDatabase database;
        private final MovableClock clock = new MovableClock(START);
        private final int cacheRows;
        private final MongoWriters writers;
        private ProjectorStats stats;
        private Projector projector;

        Bridge(GoldenCase golden) {
            this(golden, MongoProjectorFactory.CACHE_ROWS);
        }

        Bridge(GoldenCase golden, int cacheRows) {
            this(golden, cacheRows, MongoWriters.ONE);
        }

        Bridge(GoldenCase golden, int cacheRows, MongoWriters writers) {
            this.golden = golden;
            this.cacheRows = cacheRows;
            this.writers = writers;
            this.database = mongo.freshDatabase(golden.name());
            restart();
        }

        void restart() {
            stats = new ProjectorStats();
            projector = MongoProjectorFactory.open(database, List.of(golden.definition()), MARKER_GRACE, stats, clock, cacheRows, "",
                    writers);
        }

        /**
         * Projects one batch, or moves the clock and tells the projector that time passed, and returns
         * how many document writes that made.
         */
        long feed(ChangesFile.Batch batch) {
            long before = stats.documentWrites();
            if (batch.isAdvance()) {
                clock.advance(batch.advance());
                projector.advanceTime();
            } else {
                projector.accept(batch.changes());
            }
            return stats.documentWrites() - before;
        }

        /**
         * Projects one batch, checking the number of writes the case expects of it, if it says, and the
         * dead letters it records: exactly those the case declares for it, none when it says nothing.
         */
        void feedChecked(ChangesFile.Batch batch) {
            int deadLettersBefore = deadLetters().size();
            long writes = feed(batch);
            batch.expectedWrites().ifPresent(expected ->
                    assertThat(writes).as("%s: document writes for %s", golden.name(), batch.description()).isEqualTo(expected));
            List<String> all = deadLetters();
            List<String> recorded = all.subList(deadLettersBefore, all.size());
            assertThat(recorded).as("%s: dead letters recorded by %s", golden.name(), batch.description())
                    .hasSameSizeAs(batch.expectedDeadLetters());
            for (int i = 0; i < recorded.size(); i++) {
                assertThat(recorded.get(i)).as("%s: dead letter %d of %s", golden.name(), i + 1, batch.description())
                        .contains(batch.expectedDeadLetters().get(i));
            }
        }

        List<BsonDocument> documents() {
            return database.getCollection(golden.definition().collection(), BsonDocument.class)
                    .find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
        }

        long rowStates() {
            return database.getCollection(MongoProjectionStore.STATES).countDocuments();
        }

        /** The reasons of the dead letters recorded so far, in the order they were recorded. */
        List<String> deadLetters() {
            return database.getCollection(MongoProjectionStore.DEAD_LETTERS, BsonDocument.class)
                    .find().sort(Sorts.ascending("_id")).map(letter -> letter.getString("reason").getValue())
                    .into(new ArrayList<>());
        }
    }
}
