package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;

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
 * A batch's documents are written before its row states. When the process dies in between, the
 * documents are ahead of the states, the offsets stay behind both, and the changes come again, often in
 * one larger batch together with later ones. Computed from the states alone, that batch's writes would
 * be differences against documents MongoDB no longer holds: a document created in the lost batch and
 * ended in the replay would never be deleted, and a value changed and changed back would keep the
 * first change. The projector must write such documents whole, or delete them, whatever the states say
 * they were.
 */
class CrashBetweenDocumentsAndStatesTest {

    private static final Instant NOW = Instant.parse("2026-12-26T18:00:00Z");
    private static final ProjectionDefinition EVENT_PAGE = new ProjectionDefinitionReader().readText("event-page.yaml", """
            name: event-page
            team: sportsbook-web
            collection: event_page
            version: 1
            root:
              table: public.event
              key: id
              filter: "status <> 'ABANDONED'"
              fields: [id, name, status]
              lists:
                selections:
                  table: public.selection
                  key: id
                  parent-key: event_id
                  fields: [id, name, status]
                  order-by: [id asc]
                  max-items: 30
            """);

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    private long position;

    @Test
    void aDocumentCreatedByTheLostBatchAndEndedInTheReplayIsDeleted() {
        MongoDatabase database = mongo.freshDatabase("crash_created");
        List<Change> lost = List.of(upsert(Op.CREATE, "public.event", row("id", 14L, "name", "Brentford v Chelsea", "status", "SCHEDULED")),
                upsert(Op.CREATE, "public.selection", row("id", 157L, "event_id", 14L, "name", "Brentford", "status", "ACTIVE")));
        dieBetweenDocumentsAndStates(database, lost);
        assertThat(documentIds(database)).as("the lost batch's documents were written").containsExactly(14L);

        List<Change> replay = new ArrayList<>(lost);
        replay.add(upsert(Op.UPDATE, "public.event", row("id", 14L, "name", "Brentford v Chelsea", "status", "ABANDONED")));
        reopen(database).accept(replay);

        assertThat(documentIds(database)).isEmpty();
    }

    @Test
    void aValueChangedByTheLostBatchAndChangedBackInTheReplayIsChangedBack() {
        MongoDatabase database = mongo.freshDatabase("crash_flip");
        Change event = upsert(Op.CREATE, "public.event", row("id", 7L, "name", "Arsenal v Spurs", "status", "SCHEDULED"));
        Change selection = upsert(Op.CREATE, "public.selection", row("id", 70L, "event_id", 7L, "name", "Arsenal", "status", "ACTIVE"));
        reopen(database).accept(List.of(event, selection));

        Change suspend = upsert(Op.UPDATE, "public.selection", row("id", 70L, "event_id", 7L, "name", "Arsenal", "status", "SUSPENDED"));
        dieBetweenDocumentsAndStates(database, List.of(suspend));
        assertThat(selectionStatus(database, 7L)).as("the lost batch's update was written").isEqualTo("SUSPENDED");

        Change resume = upsert(Op.UPDATE, "public.selection", row("id", 70L, "event_id", 7L, "name", "Arsenal", "status", "ACTIVE"));
        reopen(database).accept(List.of(suspend, resume));

        assertThat(selectionStatus(database, 7L)).isEqualTo("ACTIVE");
    }

    @Test
    void changesAfterTheLostBatchAreWrittenAsDifferencesAgain() {
        MongoDatabase database = mongo.freshDatabase("crash_after");
        Change event = upsert(Op.CREATE, "public.event", row("id", 8L, "name", "Leeds v Hull", "status", "SCHEDULED"));
        dieBetweenDocumentsAndStates(database, List.of(event));
        Projector projector = reopen(database);
        projector.accept(List.of(event));
        // A field no projection writes: a difference leaves it alone, a whole replacement would drop it.
        var pages = database.getCollection("event_page", BsonDocument.class);
        pages.updateOne(new BsonDocument("_id", new BsonInt64(8)), new BsonDocument("$set", new BsonDocument("untouched", new BsonInt64(1))));

        projector.accept(List.of(upsert(Op.UPDATE, "public.event", row("id", 8L, "name", "Leeds v Hull", "status", "LIVE"))));

        BsonDocument page = pages.find().first();
        assertThat(page.getString("status").getValue()).isEqualTo("LIVE");
        assertThat(page.containsKey("untouched")).as("written as a difference").isTrue();
    }

    /**
     * Projects the batch as the bridge would, but the process "dies" right after the documents are
     * written: the row-state write never reaches MongoDB, and neither do the offsets.
     */
    private void dieBetweenDocumentsAndStates(MongoDatabase database, List<Change> batch) {
        Projector doomed = MongoProjectorFactory.open(withoutStateWrites(database), List.of(EVENT_PAGE), Duration.ofHours(1),
                new ProjectorStats(), Clock.fixed(NOW, ZoneOffset.UTC));
        assertThatThrownBy(() -> doomed.accept(batch)).hasMessageContaining("killed before the row states were written");
    }

    private static Projector reopen(MongoDatabase database) {
        return MongoProjectorFactory.open(database, List.of(EVENT_PAGE), Duration.ofHours(1), new ProjectorStats(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static List<Long> documentIds(MongoDatabase database) {
        List<Long> ids = new ArrayList<>();
        database.getCollection("event_page", BsonDocument.class).find().forEach(d -> ids.add(d.get("_id").asNumber().longValue()));
        return ids;
    }

    private static String selectionStatus(MongoDatabase database, long event) {
        BsonDocument page = database.getCollection("event_page", BsonDocument.class).find(new BsonDocument("_id", new BsonInt64(event))).first();
        return page.getArray("selections").get(0).asDocument().getString("status").getValue();
    }

    private Change upsert(Op op, String table, Map<String, Object> row) {
        return new Change(table, op, RowKey.of("id", row.get("id")), null, row, new SourcePosition(100, ++position), NOW, null);
    }

    private static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    /** The same database, except that the row-state collection refuses every write, as a killed process would. */
    private static MongoDatabase withoutStateWrites(MongoDatabase database) {
        return proxy(MongoDatabase.class, database, (target, method, args) -> {
            Object result = method.invoke(target, args);
            if (method.getName().equals("getCollection") && MongoProjectionStore.STATES.equals(args[0])) {
                return proxy(MongoCollection.class, result, (collection, write, writeArgs) -> {
                    if (write.getName().equals("bulkWrite")) {
                        throw new MongoException("killed before the row states were written");
                    }
                    return write.invoke(collection, writeArgs);
                });
            }
            return result;
        });
    }

    private interface Call {
        Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object target, Call call) {
        InvocationHandler handler = (p, method, args) -> {
            try {
                return call.invoke(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
