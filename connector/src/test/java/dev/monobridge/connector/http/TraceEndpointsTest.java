package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.mongo.MongoProjectorFactory;

/** {@code GET /admin/trace/...}: the trace answers over the admin API, for the admin token alone. */
class TraceEndpointsTest {

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        Projector projector = MongoProjectorFactory.open(api.bridge.database(), TestBridge.PROJECTIONS, Duration.ofHours(1),
                new ProjectorStats(), Clock.systemUTC());
        projector.accept(List.of(
                change(Op.CREATE, "public.event", 1, row("id", 7L, "sport_id", 1L, "name", "Trace Cup", "start_time",
                        Instant.now().plus(Duration.ofDays(1)), "status", "SCHEDULED")),
                change(Op.CREATE, "public.market", 2, row("id", 70L, "event_id", 7L, "name", "Winner", "status", "OPEN", "display_order", 1L)),
                change(Op.CREATE, "public.selection", 3, row("id", 700L, "market_id", 70L, "name", "Kauto Star",
                        "price", new BigDecimal("2.50"), "status", "ACTIVE", "display_order", 1L))));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aDocumentsTraceGivesItsMetaAndTrailNewestFirst() {
        HttpResponse<String> response = api.get("/admin/trace/projections/event-page/documents/7", TestApi.ADMIN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        BsonDocument answer = BsonDocument.parse(response.body());
        assertThat(answer.getBoolean("exists").getValue()).isTrue();
        assertThat(answer.getDocument("meta").getString("position").getValue()).isEqualTo(new SourcePosition(3, 0).toString());
        assertThat(answer.getArray("trail")).extracting(e -> e.asDocument().getString("table").getValue())
                .containsExactly("public.selection", "public.market", "public.event");
        assertThat(response.body()).as("a trail holds keys and positions, never a row's values").doesNotContain("Kauto Star");
    }

    @Test
    void aRowsTraceSaysItsDocumentsOrThatItWasNeverSeen() {
        BsonDocument seen = BsonDocument.parse(api.get("/admin/trace/rows/public.selection/700", TestApi.ADMIN).body());
        HttpResponse<String> never = api.get("/admin/trace/rows/public.selection/701", TestApi.ADMIN);

        assertThat(seen.getBoolean("seen").getValue()).isTrue();
        assertThat(seen.getArray("documents").get(0).asDocument().getString("projection").getValue()).isEqualTo("event-page");
        assertThat(never.statusCode()).isEqualTo(200);
        BsonDocument answer = BsonDocument.parse(never.body());
        assertThat(answer.getBoolean("seen").getValue()).isFalse();
        assertThat(answer.getString("reached").getValue()).isEqualTo(new SourcePosition(3, 0).toString());
    }

    @Test
    void unknownNamesAndMissingDocumentsAre404AndOnlyTheAdminMayAsk() {
        assertThat(api.get("/admin/trace/projections/nothing/documents/7", TestApi.ADMIN).statusCode()).isEqualTo(404);
        assertThat(api.get("/admin/trace/projections/event-page/documents/8", TestApi.ADMIN).body())
                .contains("no document with key '8' in event-page");
        assertThat(api.get("/admin/trace/rows/public.nothing/7", TestApi.ADMIN).statusCode()).isEqualTo(404);
        assertThat(api.get("/admin/trace/rows/public.selection/=x", TestApi.ADMIN).statusCode()).isEqualTo(400);
        assertThat(api.get("/admin/trace/projections/event-page/documents/7", TestApi.SPORTSBOOK).statusCode()).isEqualTo(403);
        assertThat(api.get("/admin/trace/projections/event-page/documents/7", null).statusCode()).isEqualTo(401);
    }

    private static Change change(Op op, String table, long position, Map<String, Object> after) {
        return new Change(table, op, RowKey.of("id", after.get("id")), null, after, new SourcePosition(position, 0),
                Instant.parse("2026-12-26T14:00:00Z"), "tx-" + position);
    }

    private static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }
}
