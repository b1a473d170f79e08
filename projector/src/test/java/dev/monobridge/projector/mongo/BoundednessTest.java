package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.testing.InProcessMongo;
import dev.monobridge.projector.testing.MovableClock;

/**
 * P2 over a long soak, on the real MongoDB path: many changes over a fixed number of live rows keep the
 * document's size and the projector's state flat. This is the Boxing Day failure the project exists to
 * prevent: a homepage document that grew with every price change until MongoDB could no longer move it.
 *
 * <p>One meeting, 10 races of 20 runners, each race showing its 5 shortest-priced runners. Then about
 * 24,000 changes: mostly price moves, and some churn in which a runner is deleted and a new one takes its
 * place, so that the number of live rows never changes while delete markers keep being made. The clock
 * moves 5 seconds a batch, so markers pass their 1-minute grace and must go. The projector is re-opened
 * from MongoDB at every checkpoint, as after a restart, and some batches are delivered twice.
 *
 * <p>Then the long soak of issue 10: one million price moves over the same 211 live rows, in batches of
 * 5,000 as a price storm delivers them; the document, the row states (count and bytes in MongoDB) and the
 * heap after GC are measured at the start, the middle and the end.
 */
class BoundednessTest {

    static final ProjectionDefinition RACING_DAY = new ProjectionDefinitionReader().readText("racing-day.yaml", """
            name: racing-day
            team: racing-web
            collection: racing_day
            version: 1
            root:
              table: public.meeting
              key: id
              fields: [id, venue]
              lists:
                races:
                  table: public.race
                  key: id
                  parent-key: meeting_id
                  fields: [id, name, off_time]
                  order-by: [off_time]
                  max-items: 1000
                  lists:
                    favourites:
                      table: public.runner
                      key: id
                      parent-key: race_id
                      fields: [id, horse, cloth, price]
                      order-by: [price asc]
                      max-items: 5
            """);

    private static final Instant START = Instant.parse("2026-12-26T10:00:00Z");
    private static final Duration MARKER_GRACE = Duration.ofMinutes(1);
    private static final Duration BATCH_EVERY = Duration.ofSeconds(5);
    private static final int RACES = 10;
    private static final int RUNNERS_PER_RACE = 20;
    private static final int FAVOURITES = 5;
    private static final int SOAK_CHANGES = 24_000;
    private static final int BATCH_SIZE = 60;
    private static final int CHECKPOINTS = 10;
    /** A price move is this many times likelier than a runner replaced (one delete and one insert). */
    private static final int PRICE_MOVES_PER_CHURN = 15;
    /** Every this many batches, the batch is delivered a second time, as after a lost acknowledgement. */
    private static final int DUPLICATE_EVERY = 20;
    private static final int LIVE_ROWS = 1 + RACES + RACES * RUNNERS_PER_RACE;
    private static final int LONG_SOAK_PRICE_MOVES = 1_000_000;
    /** About what a price storm hands the projector at once (Debezium's max.batch.size is 2,048 by default). */
    private static final int LONG_SOAK_BATCH = 5_000;
    /** Room for what the JVM itself does between measurements (JIT, class loading, buffers), not for growth. */
    private static final long HEAP_ALLOWANCE_BYTES = 64L * 1024 * 1024;

    private static InProcessMongo mongo;

    private final Random random = new Random(26_12_2026L);
    private final MovableClock clock = new MovableClock(START);
    private final ProjectorStats stats = new ProjectorStats();
    /** The source as the test knows it: race id → runner id → runner. */
    private final Map<Long, Map<Long, Runner>> source = new TreeMap<>();
    /** When each delete was projected, oldest first: the markers that may still be alive. */
    private final Deque<Instant> deletes = new ArrayDeque<>();
    private MongoDatabase database;
    private Projector projector;
    private long position;
    private long nextRunnerId = 1_000;

    private record Runner(long id, long raceId, String horse, long cloth, BigDecimal price) {
    }

    /** What one checkpoint measured. */
    private record Checkpoint(int number, long changes, int documentBytes, long states, long liveStates, long markers,
                              long markerBound) {
    }

    @BeforeAll
    static void startMongo() {
        mongo = InProcessMongo.start();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Test
    void aLongSoakOverAFixedSetOfLiveRowsKeepsTheDocumentAndTheStateFlat() {
        database = mongo.freshDatabase("boundedness");
        projector = open();
        projector.accept(initialLoad());

        List<Checkpoint> checkpoints = new ArrayList<>();
        int batches = SOAK_CHANGES / BATCH_SIZE;
        long soakChanges = 0;
        for (int batch = 1; batch <= batches; batch++) {
            List<Change> changes = soakBatch();
            soakChanges += changes.size();
            clock.advance(BATCH_EVERY);
            projector.accept(changes);
            deletes.addAll(changes.stream().filter(c -> c.op() == Op.DELETE).map(c -> clock.instant()).toList());
            if (batch % DUPLICATE_EVERY == 0) {
                long writes = stats.documentWrites();
                projector.accept(changes);
                assertThat(stats.documentWrites()).as("document writes for batch %d delivered again", batch).isEqualTo(writes);
            }
            if (batch % (batches / CHECKPOINTS) == 0) {
                checkpoints.add(checkpoint(checkpoints.size() + 1, soakChanges));
                // As after a restart: the states, markers included, come back from MongoDB.
                projector = open();
            }
        }

        print(checkpoints);
        assertThat(soakChanges).as("changes in the soak").isGreaterThanOrEqualTo(20_000);
        assertThat(stats.deadLetters()).as("dead letters").isZero();
        assertThat(stats.expiredMarkers()).as("delete markers expired").isPositive();
        int firstBytes = checkpoints.get(0).documentBytes();
        for (Checkpoint checkpoint : checkpoints) {
            assertThat(checkpoint.documentBytes()).as("document bytes at checkpoint %d (the first had %d)", checkpoint.number(), firstBytes)
                    .isLessThanOrEqualTo(firstBytes * 11 / 10);
            assertThat(checkpoint.liveStates()).as("live row states at checkpoint %d", checkpoint.number()).isEqualTo(LIVE_ROWS);
            assertThat(checkpoint.states()).as("row states at checkpoint %d: live rows plus markers made within the grace period",
                    checkpoint.number()).isLessThanOrEqualTo(LIVE_ROWS + checkpoint.markerBound());
        }
        long firstStates = checkpoints.get(0).states();
        assertThat(checkpoints).extracting(Checkpoint::states).allSatisfy(states ->
                assertThat(states).as("row states against the first checkpoint's %d", firstStates).isLessThanOrEqualTo(firstStates * 11 / 10));
    }

    @Test
    void aMillionPriceMovesOverAFixedSetOfLiveRowsKeepDocumentStateAndHeapFlat() {
        database = mongo.freshDatabase("long_soak");
        projector = open();
        projector.accept(initialLoad());
        List<SoakFigures> figures = new ArrayList<>();
        figures.add(soakFigures("start", 0));

        long moves = 0;
        long started = System.nanoTime();
        while (moves < LONG_SOAK_PRICE_MOVES) {
            List<Change> batch = new ArrayList<>(LONG_SOAK_BATCH);
            for (int i = 0; i < LONG_SOAK_BATCH; i++) {
                Runner runner = anyRunner();
                Runner moved = new Runner(runner.id(), runner.raceId(), runner.horse(), runner.cloth(), price());
                source.get(runner.raceId()).put(moved.id(), moved);
                batch.add(change(Op.UPDATE, "public.runner", runnerRow(moved), moved.id()));
            }
            clock.advance(Duration.ofSeconds(1));
            projector.accept(batch);
            moves += batch.size();
            if (moves == LONG_SOAK_PRICE_MOVES / 2) {
                figures.add(soakFigures("middle", moves));
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        figures.add(soakFigures("end", moves));

        System.out.printf("Long soak: %,d price moves over %d live rows in batches of %,d, %d s:%n", moves, LIVE_ROWS, LONG_SOAK_BATCH, seconds);
        System.out.printf("  %-7s %10s %15s %11s %16s %17s%n", "when", "moves", "document bytes", "row states", "row state bytes",
                "heap after GC MiB");
        figures.forEach(f -> System.out.printf("  %-7s %,10d %,15d %,11d %,16d %,17d%n", f.when(), f.moves(), f.documentBytes(),
                f.states(), f.stateBytes(), f.heapAfterGc() / (1024 * 1024)));

        assertEqualsTheSource(database.getCollection("racing_day", RawBsonDocument.class).find().first(), figures.size());
        assertThat(stats.deadLetters()).as("dead letters").isZero();
        SoakFigures start = figures.get(0);
        for (SoakFigures f : figures) {
            assertThat(f.documentBytes()).as("document bytes at the %s (at the start: %,d)", f.when(), start.documentBytes())
                    .isLessThanOrEqualTo(start.documentBytes() * 11 / 10);
            assertThat(f.states()).as("row states at the %s: the live rows", f.when()).isEqualTo(LIVE_ROWS);
            assertThat(f.stateBytes()).as("row state bytes at the %s (at the start: %,d)", f.when(), start.stateBytes())
                    .isLessThanOrEqualTo(start.stateBytes() * 11 / 10);
            assertThat(f.heapAfterGc()).as("heap after GC at the %s (at the start: %,d)", f.when(), start.heapAfterGc())
                    .isLessThanOrEqualTo(2 * start.heapAfterGc() + HEAP_ALLOWANCE_BYTES);
        }
    }

    /** What the long soak measured at one moment. */
    private record SoakFigures(String when, long moves, int documentBytes, long states, long stateBytes, long heapAfterGc) {
    }

    private SoakFigures soakFigures(String when, long moves) {
        RawBsonDocument document = database.getCollection("racing_day", RawBsonDocument.class).find().first();
        assertThat(document).as("the meeting's document").isNotNull();
        long states = 0;
        long stateBytes = 0;
        for (RawBsonDocument state : database.getCollection(MongoProjectionStore.STATES, RawBsonDocument.class).find()) {
            states++;
            stateBytes += state.getByteBuffer().remaining();
        }
        return new SoakFigures(when, moves, document.getByteBuffer().remaining(), states, stateBytes, heapAfterGc());
    }

    /** Heap in use after full collections; the in-process MongoDB server's data is part of it. */
    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private Projector open() {
        return MongoProjectorFactory.open(database, List.of(RACING_DAY), MARKER_GRACE, stats, clock);
    }

    private List<Change> initialLoad() {
        List<Change> changes = new ArrayList<>();
        changes.add(change(Op.CREATE, "public.meeting", row("id", 1L, "venue", "Kempton")));
        for (long race = 101; race <= 100 + RACES; race++) {
            changes.add(change(Op.CREATE, "public.race", row("id", race, "meeting_id", 1L, "name", "Race " + race,
                    "off_time", START.plus(Duration.ofMinutes(35 * (race - 100))))));
            source.put(race, new LinkedHashMap<>());
            for (long cloth = 1; cloth <= RUNNERS_PER_RACE; cloth++) {
                changes.add(insert(new Runner(nextRunnerId++, race, horse(), cloth, price())));
            }
        }
        return changes;
    }

    /** Mostly price moves; now and then a runner is replaced by a new one, in the same race and cloth. */
    private List<Change> soakBatch() {
        List<Change> changes = new ArrayList<>(BATCH_SIZE + 1);
        while (changes.size() < BATCH_SIZE) {
            Runner runner = anyRunner();
            if (random.nextInt(PRICE_MOVES_PER_CHURN + 1) == 0) {
                source.get(runner.raceId()).remove(runner.id());
                changes.add(change(Op.DELETE, "public.runner", null, runner.id()));
                changes.add(insert(new Runner(nextRunnerId++, runner.raceId(), horse(), runner.cloth(), price())));
            } else {
                Runner moved = new Runner(runner.id(), runner.raceId(), runner.horse(), runner.cloth(), price());
                source.get(runner.raceId()).put(moved.id(), moved);
                changes.add(change(Op.UPDATE, "public.runner", runnerRow(moved), moved.id()));
            }
        }
        return changes;
    }

    private Checkpoint checkpoint(int number, long changes) {
        Instant cutoff = clock.instant().minus(MARKER_GRACE);
        while (!deletes.isEmpty() && deletes.peekFirst().isBefore(cutoff)) {
            deletes.pollFirst();
        }
        RawBsonDocument document = database.getCollection("racing_day", RawBsonDocument.class).find().first();
        assertThat(document).as("the meeting's document").isNotNull();
        assertEqualsTheSource(document, number);
        var states = database.getCollection(MongoProjectionStore.STATES);
        return new Checkpoint(number, changes, document.getByteBuffer().remaining(), states.countDocuments(),
                states.countDocuments(Filters.eq("d", false)), states.countDocuments(Filters.eq("d", true)), deletes.size());
    }

    /** P1 along the way: each race shows exactly its 5 shortest-priced live runners, ties by id. */
    private void assertEqualsTheSource(BsonDocument document, int checkpoint) {
        Map<Long, List<Long>> shown = new TreeMap<>();
        for (BsonValue race : document.getArray("races")) {
            List<Long> ids = new ArrayList<>();
            race.asDocument().getArray("favourites").forEach(runner -> ids.add(runner.asDocument().getNumber("id").longValue()));
            shown.put(race.asDocument().getNumber("id").longValue(), ids);
        }
        Map<Long, List<Long>> expected = new TreeMap<>();
        source.forEach((race, runners) -> expected.put(race, runners.values().stream()
                .sorted(Comparator.comparing(Runner::price).thenComparing(Runner::id))
                .limit(FAVOURITES).map(Runner::id).toList()));
        assertThat(shown).as("favourites per race at checkpoint %d", checkpoint).isEqualTo(expected);
    }

    private static void print(List<Checkpoint> checkpoints) {
        System.out.printf("Soak over %d live rows, delete markers kept %d s:%n", LIVE_ROWS, MARKER_GRACE.toSeconds());
        System.out.printf("  %-10s %8s %14s %11s %11s %8s %14s%n",
                "checkpoint", "changes", "document bytes", "row states", "live rows", "markers", "marker bound");
        for (Checkpoint c : checkpoints) {
            System.out.printf("  %-10d %,8d %,14d %,11d %,11d %,8d %,14d%n",
                    c.number(), c.changes(), c.documentBytes(), c.states(), c.liveStates(), c.markers(), c.markerBound());
        }
    }

    private Runner anyRunner() {
        List<Runner> runners = new ArrayList<>(source.get(101L + random.nextInt(RACES)).values());
        return runners.get(random.nextInt(runners.size()));
    }

    private Change insert(Runner runner) {
        source.get(runner.raceId()).put(runner.id(), runner);
        return change(Op.CREATE, "public.runner", runnerRow(runner), runner.id());
    }

    private static Map<String, Object> runnerRow(Runner runner) {
        return row("id", runner.id(), "race_id", runner.raceId(), "horse", runner.horse(), "cloth", runner.cloth(),
                "price", runner.price());
    }

    /** Fixed-width names, so that the document's size moves with its shape, not with the digits of ids. */
    private String horse() {
        return String.format("Horse %05d", random.nextInt(100_000));
    }

    /** From 1.50 to 50.00, exact to the penny, as a source decimal. */
    private BigDecimal price() {
        return BigDecimal.valueOf(150 + random.nextInt(4_851), 2);
    }

    private Change change(Op op, String table, Map<String, Object> row) {
        return change(op, table, row, row.get("id"));
    }

    private Change change(Op op, String table, Map<String, Object> after, Object id) {
        position++;
        Map<String, Object> before = op == Op.DELETE ? row("id", id) : null;
        return new Change(table, op, RowKey.of("id", id), before, after, new SourcePosition(position, 0), clock.instant(),
                "tx-" + position);
    }

    private static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }
}
