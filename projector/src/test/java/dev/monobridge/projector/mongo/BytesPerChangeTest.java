package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.assertj.core.data.Offset;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoDatabase;
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

/**
 * P5: the bytes sent to MongoDB for a change depend on the change and on the list it touches, never on
 * the size of the whole document; and there is no read-modify-write. Measured on the wire, with the
 * driver's command listener, on the real MongoDB path.
 */
class BytesPerChangeTest {

    private static final Instant NOW = Instant.parse("2026-12-26T18:00:00Z");
    private static final ProjectionDefinition RACING_DAY = new ProjectionDefinitionReader().readText("racing-day.yaml", """
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
                  fields: [id, name]
                  order-by: [id]
                  max-items: 1000
                  lists:
                    runners:
                      table: public.runner
                      key: id
                      parent-key: race_id
                      fields: [id, horse, cloth, price, form]
                      order-by: [cloth]
                      max-items: 1000
            """);

    /** Customers, each with their orders, each order showing its product by a lookup. */
    private static final ProjectionDefinition ORDER_BOOK = new ProjectionDefinitionReader().readText("order-book.yaml", """
            name: order-book
            team: accounts-web
            collection: order_book
            version: 1
            root:
              table: inventory.customers
              key: id
              fields: [id, name]
              lists:
                orders:
                  table: inventory.orders
                  key: id
                  parent-key: purchaser
                  fields: [id, quantity, note]
                  order-by: [id]
                  max-items: 1000
                  lookups:
                    product: {table: inventory.products, key: id, via: product_id, fields: [name, weight]}
            """);

    private static final WireLog WIRE = new WireLog();
    private static InProcessMongo mongo;

    private MongoDatabase database;
    private Projector projector;
    private long position;

    @BeforeAll
    static void startMongo() {
        mongo = InProcessMongo.start(WIRE);
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void openProjector() {
        database = mongo.freshDatabase("bytes");
        projector = MongoProjectorFactory.open(database, List.of(RACING_DAY, ORDER_BOOK), Duration.ofHours(1), new ProjectorStats(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void updatingOneRunnersPriceInADocumentOfAThousandRunnersSendsAFractionOfTheDocument() {
        WIRE.clear();
        meetingWithRunners(1, 10, 100);
        int documentBytes = documentBytes(1);
        // The measure sees what the driver sends, payload included: the first write is the whole document.
        assertThat(WIRE.bytes("update", "racing_day")).as("bytes of the write creating the document")
                .isGreaterThan(documentBytes);

        WIRE.clear();
        projector.accept(List.of(priceChange(105_005, "3.25")));

        int updateBytes = WIRE.bytes("update", "racing_day");
        System.out.printf("One price change in a document of 1,000 runners: %,d bytes sent; the document has %,d bytes%n",
                updateBytes, documentBytes);
        assertThat(updateBytes).as("bytes of the update command").isPositive().isLessThan(documentBytes / 20);
        assertThat(WIRE.commands("find", "racing_day")).as("reads of the document on the hot path").isZero();
        assertThat(runner(1, 105_005).get("price").asDecimal128().getValue().bigDecimalValue()).isEqualByComparingTo("3.25");
    }

    @Test
    void theBytesSentForOneChangeDoNotGrowWithTheDocument() {
        meetingWithRunners(1, 1, 10);
        meetingWithRunners(2, 10, 100);

        WIRE.clear();
        projector.accept(List.of(priceChange(101_005, "3.25")));
        int inSmallDocument = WIRE.bytes("update", "racing_day");
        WIRE.clear();
        projector.accept(List.of(priceChange(205_005, "3.25")));
        int inLargeDocument = WIRE.bytes("update", "racing_day");

        System.out.printf("One price change: %,d bytes sent to a document of 10 runners (%,d bytes), %,d bytes to one of 1,000 (%,d bytes)%n",
                inSmallDocument, documentBytes(1), inLargeDocument, documentBytes(2));
        assertThat(inLargeDocument).isCloseTo(inSmallDocument, Offset.offset(16));
    }

    @Test
    void renamingAReferencedRowWritesOnlyTheEntriesThatShowItToOnlyTheDocumentsThatShowIt() {
        int customers = 200;
        int ordersEach = 20;
        List<Change> changes = new ArrayList<>();
        changes.add(change(Op.CREATE, "inventory.products", row("id", 1, "name", "scooter", "weight", new BigDecimal("3.14"))));
        changes.add(change(Op.CREATE, "inventory.products", row("id", 2, "name", "car battery", "weight", new BigDecimal("8.1"))));
        for (int customer = 1; customer <= customers; customer++) {
            changes.add(change(Op.CREATE, "inventory.customers", row("id", customer, "name", "Customer " + customer)));
            for (int n = 0; n < ordersEach; n++) {
                int order = customer * 1_000 + n;
                // Every fourth customer has two orders of product 1; the others order product 2 only.
                int product = customer % 4 == 0 && n < 2 ? 1 : 2;
                changes.add(change(Op.CREATE, "inventory.orders", row("id", order, "purchaser", customer, "quantity", 1,
                        "product_id", product, "note", "deliver to the back door, ring twice")));
            }
        }
        projector.accept(changes);
        int documentBytes = size(database.getCollection("order_book", BsonDocument.class).find(new BsonDocument("_id", new BsonInt64(4))).first());

        WIRE.clear();
        projector.accept(List.of(change(Op.UPDATE, "inventory.products", row("id", 1, "name", "kick scooter", "weight", new BigDecimal("3.14")))));

        int affectedDocuments = customers / 4;
        int affectedEntries = affectedDocuments * 2;
        int bytes = WIRE.bytes("update", "order_book");
        System.out.printf("Renaming a product shown in %,d entries of %,d documents (of %,d): %,d bytes in %,d update commands, "
                        + "%,d bytes per affected document (each has %,d bytes)%n",
                affectedEntries, affectedDocuments, customers, bytes, WIRE.commands("update", "order_book"),
                bytes / affectedDocuments, documentBytes);
        System.out.println("Commands sent for the rename (round trips): " + WIRE.summary());
        assertThat(WIRE.statements("update", "order_book")).as("documents written").isEqualTo(affectedDocuments);
        assertThat(bytes / affectedDocuments).as("bytes per affected document").isLessThan(documentBytes / 4);
        assertThat(WIRE.commands("find", "order_book")).as("reads of documents on the hot path").isZero();
        BsonDocument shown = database.getCollection("order_book", BsonDocument.class).find(new BsonDocument("_id", new BsonInt64(4))).first();
        assertThat(shown.getArray("orders").get(0).asDocument().getDocument("product").getString("name").getValue()).isEqualTo("kick scooter");
        assertThat(shown.getArray("orders").get(2).asDocument().getDocument("product").getString("name").getValue()).isEqualTo("car battery");
    }

    /**
     * A meeting, its races and their runners, each runner with a form text like a real feed's. Race
     * {@code meeting * 100 + n}; runner {@code race * 1000 + cloth}.
     */
    private void meetingWithRunners(int meeting, int races, int runnersPerRace) {
        List<Change> changes = new ArrayList<>();
        changes.add(change(Op.CREATE, "public.meeting", row("id", meeting, "venue", "Venue " + meeting)));
        for (int n = 1; n <= races; n++) {
            int race = meeting * 100 + n;
            changes.add(change(Op.CREATE, "public.race", row("id", race, "meeting_id", meeting, "name", "Race " + race)));
            for (int cloth = 1; cloth <= runnersPerRace; cloth++) {
                changes.add(change(Op.CREATE, "public.runner", runner(race * 1_000 + cloth, "10.00")));
            }
        }
        projector.accept(changes);
    }

    private Change priceChange(int runner, String price) {
        return change(Op.UPDATE, "public.runner", runner(runner, price));
    }

    private static Map<String, Object> runner(int id, String price) {
        return row("id", id, "race_id", id / 1_000, "horse", "Horse " + id, "cloth", id % 1_000,
                "price", new BigDecimal(price), "form", "1-2P3F-41");
    }

    private Change change(Op op, String table, Map<String, Object> after) {
        position++;
        return new Change(table, op, RowKey.of("id", after.get("id")), null, after, new SourcePosition(position, 0),
                NOW, null);
    }

    private static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    private int documentBytes(int meeting) {
        return size(document(meeting));
    }

    private BsonDocument document(int meeting) {
        BsonDocument document = database.getCollection("racing_day", BsonDocument.class)
                .find(new BsonDocument("_id", new BsonInt64(meeting))).first();
        assertThat(document).as("meeting %d's document", meeting).isNotNull();
        return document;
    }

    private BsonDocument runner(int meeting, int runnerId) {
        for (BsonValue race : document(meeting).getArray("races")) {
            for (BsonValue runner : race.asDocument().getArray("runners")) {
                if (runner.asDocument().getNumber("id").longValue() == runnerId) {
                    return runner.asDocument();
                }
            }
        }
        throw new AssertionError("no runner " + runnerId + " in meeting " + meeting);
    }

    static int size(BsonDocument document) {
        return new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().remaining();
    }

    /**
     * The commands the driver sends, with their size on the wire. The event's command document is only
     * valid during the callback, so it is measured there.
     */
    private static final class WireLog implements CommandListener {
        private final List<Sent> sent = new CopyOnWriteArrayList<>();

        private record Sent(String commandName, String collection, int bytes, int statements) {
            boolean is(String commandName, String collection) {
                return this.commandName.equals(commandName) && collection.equals(this.collection);
            }
        }

        @Override
        public void commandStarted(CommandStartedEvent event) {
            BsonDocument command = event.getCommand();
            BsonValue target = command.get(event.getCommandName());
            String collection = target != null && target.isString() ? target.asString().getValue() : null;
            BsonValue statements = command.get("updates");
            sent.add(new Sent(event.getCommandName(), collection, size(command),
                    statements != null && statements.isArray() ? statements.asArray().size() : 1));
        }

        void clear() {
            sent.clear();
        }

        /** Bytes of the commands of one kind sent for one collection. */
        int bytes(String commandName, String collection) {
            return sent.stream().filter(s -> s.is(commandName, collection)).mapToInt(Sent::bytes).sum();
        }

        String summary() {
            Map<String, Integer> by = new java.util.TreeMap<>();
            sent.forEach(s -> by.merge(s.commandName + " " + s.collection, 1, Integer::sum));
            return by.toString();
        }

        /** Statements (an update command's updates) of one kind sent for one collection. */
        int statements(String commandName, String collection) {
            return sent.stream().filter(s -> s.is(commandName, collection)).mapToInt(Sent::statements).sum();
        }

        long commands(String commandName, String collection) {
            return sent.stream().filter(s -> s.is(commandName, collection)).count();
        }
    }
}
