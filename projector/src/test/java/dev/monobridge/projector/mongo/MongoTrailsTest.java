package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

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

/** Issue 17, trace: the trails as MongoDB keeps them, their bounds, their failures and their cost. */
class MongoTrailsTest {

    private static final Instant START = Instant.parse("2026-12-26T12:00:00Z");
    private static final ProjectionDefinition RACE_CARD = new ProjectionDefinitionReader().readText("race-card.yaml", """
            name: race-card
            team: racing-web
            collection: race_card
            version: 3
            root:
              table: public.race
              key: id
              fields: [id, name]
              lists:
                runners:
                  table: public.runner
                  key: id
                  parent-key: race_id
                  fields: [id, horse, price]
                  order-by: [id]
                  max-items: 100
            """);

    private static final Wire WIRE = new Wire();
    private static InProcessMongo mongo;

    private final MovableClock clock = new MovableClock(START);
    private final ProjectorStats stats = new ProjectorStats();
    private long position;

    @BeforeAll
    static void startMongo() {
        mongo = InProcessMongo.start(WIRE);
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Test
    void aDocumentsTrailIsReadNewestFirstWithItsMetaAndWhenMongoDbAcknowledgedEachChange() {
        MongoDatabase database = mongo.freshDatabase("trail");
        Projector projector = open(database, MongoTrailSettings.DEFAULT);
        projector.accept(List.of(race(1, "King George VI Chase"), runner(Op.CREATE, 11, 1, "2.50")));
        clock.advance(Duration.ofSeconds(5));
        Change priced = runner(Op.UPDATE, 11, 1, "2.25");
        projector.accept(List.of(priced));
        projector.accept(List.of(priced));

        BsonDocument answer = new MongoTrails(database).document(RACE_CARD, "1").orElseThrow();

        assertThat(answer.getBoolean("exists").getValue()).isTrue();
        assertThat(answer.getDocument("meta").getInt32("version").getValue()).isEqualTo(3);
        List<BsonDocument> trail = answer.getArray("trail").getValues().stream().map(BsonValue::asDocument).toList();
        assertThat(trail).extracting(e -> e.getString("outcome").getValue())
                .containsExactly("no change: stale", "wrote", "wrote", "wrote");
        assertThat(trail).extracting(e -> e.getString("position").getValue())
                .containsExactly(pos(3), pos(3), pos(2), pos(1));
        assertThat(trail.get(1).getArray("paths").get(0).asString().getValue()).isEqualTo("runners[id=11].price");
        assertThat(trail.get(1).getDateTime("acknowledged").getValue()).isEqualTo(START.plusSeconds(5).toEpochMilli());
        assertThat(trail.get(3).getDateTime("acknowledged").getValue()).isEqualTo(START.toEpochMilli());
        assertThat(answer.getString("reached").getValue()).isEqualTo(pos(3));

        BsonDocument row = new MongoTrails(database).row("public.runner", "id", "11");
        assertThat(row.getBoolean("seen").getValue()).isTrue();
        assertThat(row.getArray("documents").get(0).asDocument().getString("projection").getValue()).isEqualTo("race-card");
        assertThat(row.getArray("trail")).hasSize(3);
    }

    @Test
    void theTrailOfARowThatWasNeverCapturedSaysNeverSeenWithThePositionReached() {
        MongoDatabase database = mongo.freshDatabase("trail");
        open(database, MongoTrailSettings.DEFAULT).accept(List.of(race(1, "King George VI Chase")));

        BsonDocument row = new MongoTrails(database).row("public.runner", "id", "99");

        assertThat(row.getBoolean("seen").getValue()).isFalse();
        assertThat(row.getArray("trail")).isEmpty();
        assertThat(row.getString("reached").getValue()).isEqualTo(pos(1));
        assertThat(new MongoTrails(database).document(RACE_CARD, "2")).as("no such document, and no trail of one").isEmpty();
    }

    @Test
    void aRowWhoseTrailHasExpiredIsNotTakenForNeverSeenWhileTheBridgeRemembersIt() {
        MongoDatabase database = mongo.freshDatabase("trail");
        MongoTrailSettings settings = new MongoTrailSettings(MongoTrailSettings.DEFAULT_PER_DOCUMENT, Duration.ofHours(1), 1_000);
        Projector projector = open(database, settings);
        projector.accept(List.of(race(1, "King George VI Chase"), runner(Op.CREATE, 11, 1, "2.50")));
        clock.advance(settings.keep().plus(MongoTrailWriter.SWEEP_INTERVAL));
        projector.advanceTime();

        BsonDocument row = new MongoTrails(database).row("public.runner", "id", "11");

        assertThat(row.getBoolean("seen").getValue()).as("its trail has expired").isFalse();
        assertThat(row.getDocument("remembered").getString("position").getValue()).isEqualTo(pos(2));
        assertThat(row.getDocument("remembered").getBoolean("deleted").getValue()).isFalse();
        assertThat(new MongoTrails(database).row("public.runner", "id", "12").containsKey("remembered")).isFalse();
    }

    @Test
    void theTrailStaysWithinItsBoundsPerDocumentAndInTotalUnderALongWorkload() {
        MongoDatabase database = mongo.freshDatabase("trail");
        MongoTrailSettings settings = new MongoTrailSettings(5, Duration.ofMinutes(30), 40);
        Projector projector = open(database, settings);
        MongoCollection<BsonDocument> trails = database.getCollection(MongoTrails.COLLECTION, BsonDocument.class);
        // Each batch: a new race with a runner (two documents' and rows' trails, new for good), the price of the
        // long-lived race's runner, and the delete of the race before last: churn, as a day of racing has.
        projector.accept(List.of(race(1, "Long-lived"), runner(Op.CREATE, 1_000, 1, "5.00")));
        long mostTrails = 0;
        int perBatch = 5;
        int batchesPerSweep = (int) (MongoTrailWriter.SWEEP_INTERVAL.toSeconds() / 10);
        for (int race = 2; race < 800; race++) {
            clock.advance(Duration.ofSeconds(10));
            List<Change> batch = new ArrayList<>(List.of(race(race, "Race " + race), runner(Op.CREATE, race * 10, race, "3.00"),
                    runner(Op.UPDATE, 1_000, 1, "5." + (race % 100))));
            if (race > 3) {
                batch.add(delete("public.race", race - 2));
            }
            projector.accept(batch);
            mostTrails = Math.max(mostTrails, trails.countDocuments(Filters.exists("entries")));
        }

        assertThat(mostTrails).as("trails at most, between sweeps: the cap and one sweep interval's new trails")
                .isLessThanOrEqualTo(settings.maxTrails() + (long) perBatch * batchesPerSweep);
        BsonDocument longLived = new MongoTrails(database).document(RACE_CARD, "1").orElseThrow();
        assertThat(longLived.getArray("trail")).as("entries of a document changed 800 times").hasSize(settings.perDocument());
        assertThat(longLived.getArray("trail").get(0).asDocument().getString("position").getValue())
                .as("the newest first: the last batch's price change, before its delete").isEqualTo(new SourcePosition(position - 1, 0).toString());
        assertThat(trails.find(Filters.exists("entries")).into(new ArrayList<>())).allSatisfy(t -> assertThat(t.getArray("entries").size())
                .isLessThanOrEqualTo(settings.perDocument()));

        clock.advance(settings.keep().plus(MongoTrailWriter.SWEEP_INTERVAL));
        projector.advanceTime();
        assertThat(trails.countDocuments(Filters.exists("entries"))).as("trails after their keep has passed with no change").isZero();
        assertThat(stats.trailWriteFailures()).isZero();
    }

    @Test
    void aTrailWriteThatFailsNeitherFailsTheBatchNorStopsTheStream() {
        MongoDatabase database = mongo.freshDatabase("trail");
        // Every trail of one batch expires at the same moment: a unique index on it refuses all but the first.
        database.getCollection(MongoTrails.COLLECTION).createIndex(Indexes.ascending("expiresAt"), new IndexOptions().unique(true));
        Projector projector = open(database, MongoTrailSettings.DEFAULT);

        projector.accept(List.of(race(1, "King George VI Chase"), runner(Op.CREATE, 11, 1, "2.50")));
        projector.accept(List.of(runner(Op.UPDATE, 11, 1, "2.25")));

        assertThat(stats.trailWriteFailures()).isEqualTo(2);
        assertThat(database.getCollection("race_card", BsonDocument.class).find().first()
                .getArray("runners").get(0).asDocument().getDecimal128("price").getValue().bigDecimalValue())
                .isEqualByComparingTo("2.25");
    }

    /**
     * What the trail costs MongoDB, per change, on a stream of price changes (10 per batch, across 10 races):
     * the figures docs/trace.md quotes. One more round trip per batch, never one per change.
     */
    @Test
    void theTrailCostsOneBulkWritePerBatchAndItsBytesPerChange() {
        Measured off = measure(MongoTrailSettings.OFF);
        Measured on = measure(MongoTrailSettings.DEFAULT);

        System.out.printf("Trail cost, %d price changes in %d batches: without the trail %.2f round trips and %.0f bytes per change; "
                        + "with it %.2f round trips and %.0f bytes per change (trail writes %.0f bytes per change)%n",
                on.changes, on.batches, off.commands / (double) off.changes, off.bytes / (double) off.changes,
                on.commands / (double) on.changes, on.bytes / (double) on.changes, on.trailBytes / (double) on.changes);
        System.out.printf("Trail stored: %d bytes per entry, %d bytes per trail of up to %d entries%n", on.bytesPerEntry,
                on.bytesPerTrail, MongoTrailSettings.DEFAULT_PER_DOCUMENT);
        assertThat(on.commands - off.commands).as("round trips the trail adds: one bulk write per batch, and one sweep")
                .isLessThanOrEqualTo(on.batches + 3);
        assertThat(on.trailBytes / on.changes).as("trail bytes per change: one document entry and one row entry")
                .isLessThan(1_000);
    }

    private Measured measure(MongoTrailSettings settings) {
        MongoDatabase database = mongo.freshDatabase("cost");
        Projector projector = open(database, settings);
        List<Change> setup = new ArrayList<>();
        for (int race = 1; race <= 10; race++) {
            setup.add(race(race, "Race " + race));
            for (int runner = 1; runner <= 10; runner++) {
                setup.add(runner(Op.CREATE, race * 100 + runner, race, "10.00"));
            }
        }
        projector.accept(setup);
        WIRE.clear();
        int batches = 100;
        for (int batch = 0; batch < batches; batch++) {
            List<Change> prices = new ArrayList<>();
            for (int race = 1; race <= 10; race++) {
                prices.add(runner(Op.UPDATE, race * 100 + batch % 10 + 1, race, "4." + batch));
            }
            projector.accept(prices);
        }
        long entries = 0;
        long entryBytes = 0;
        long trailBytes = 0;
        List<BsonDocument> stored = database.getCollection(MongoTrails.COLLECTION, BsonDocument.class).find(Filters.exists("entries")).into(new ArrayList<>());
        for (BsonDocument trail : stored) {
            trailBytes += new RawBsonDocument(trail, new BsonDocumentCodec()).getByteBuffer().remaining();
            for (BsonValue entry : trail.getArray("entries")) {
                entries++;
                entryBytes += new RawBsonDocument(entry.asDocument(), new BsonDocumentCodec()).getByteBuffer().remaining();
            }
        }
        return new Measured(batches * 10, batches, WIRE.commands(), WIRE.bytes(), WIRE.bytesTo(MongoTrails.COLLECTION),
                entries == 0 ? 0 : entryBytes / entries, stored.isEmpty() ? 0 : trailBytes / stored.size());
    }

    /** Wire figures of the measured stream; then the average stored entry and trail, in bytes. */
    private record Measured(long changes, long batches, long commands, long bytes, long trailBytes, long bytesPerEntry,
                            long bytesPerTrail) {
    }

    private Projector open(MongoDatabase database, MongoTrailSettings settings) {
        return MongoProjectorFactory.open(database, List.of(RACE_CARD), Duration.ofHours(1), stats, clock,
                MongoProjectorFactory.CACHE_ROWS, "", MongoWriters.ONE, settings);
    }

    private Change race(long id, String name) {
        return change(Op.CREATE, "public.race", row("id", id, "name", name));
    }

    private Change runner(Op op, long id, long race, String price) {
        return change(op, "public.runner", row("id", id, "race_id", race, "horse", "Horse " + id, "price", new BigDecimal(price)));
    }

    private Change delete(String table, long id) {
        position++;
        Map<String, Object> key = row("id", id);
        return new Change(table, Op.DELETE, new RowKey(key), key, null, new SourcePosition(position, 0), clock.instant(), null);
    }

    private Change change(Op op, String table, Map<String, Object> after) {
        position++;
        return new Change(table, op, RowKey.of("id", after.get("id")), null, after, new SourcePosition(position, 0),
                clock.instant(), "tx" + position);
    }

    private static String pos(long commit) {
        return new SourcePosition(commit, 0).toString();
    }

    private static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    /** Commands sent, and their bytes, measured during the callback while the command is valid. */
    private static final class Wire implements CommandListener {
        private record Sent(String collection, int bytes) {
        }

        private final List<Sent> sent = new CopyOnWriteArrayList<>();

        @Override
        public void commandStarted(CommandStartedEvent event) {
            BsonValue target = event.getCommand().get(event.getCommandName());
            sent.add(new Sent(target != null && target.isString() ? target.asString().getValue() : "",
                    new RawBsonDocument(event.getCommand(), new BsonDocumentCodec()).getByteBuffer().remaining()));
        }

        void clear() {
            sent.clear();
        }

        long commands() {
            return sent.size();
        }

        long bytes() {
            return sent.stream().mapToLong(Sent::bytes).sum();
        }

        long bytesTo(String collection) {
            return sent.stream().filter(s -> s.collection().equals(collection)).mapToLong(Sent::bytes).sum();
        }
    }
}
