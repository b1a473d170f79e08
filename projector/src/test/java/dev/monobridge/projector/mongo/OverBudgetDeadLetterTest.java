package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

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
 * A document that cannot fit its byte budget is one dead letter while that lasts, not one per change:
 * with the newest source position, a count, and the key as plain JSON.
 */
class OverBudgetDeadLetterTest {

    private static final Instant NOW = Instant.parse("2026-12-26T18:00:00Z");
    private static final ProjectionDefinition MEETINGS = new ProjectionDefinitionReader().readText("meetings.yaml", """
            name: meetings
            team: racing-web
            collection: meetings
            version: 1
            max-bytes: 600
            root:
              table: public.meeting
              key: id
              fields: [id, notes]
            """);

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    @Test
    void anOversizeDocumentIsOneDeadLetterWithTheLatestPositionACountAndAReadableKey() {
        MongoDatabase database = mongo.freshDatabase("oversize");
        Projector projector = MongoProjectorFactory.open(database, List.of(MEETINGS), Duration.ofHours(1),
                new ProjectorStats(), Clock.fixed(NOW, ZoneOffset.UTC));

        projector.accept(List.of(meeting(1, 1, "x".repeat(800))));
        projector.accept(List.of(meeting(1, 2, "y".repeat(800))));
        projector.accept(List.of(meeting(1, 3, "z".repeat(800))));

        List<BsonDocument> letters = new MongoDeadLetters(database).list(10);
        assertThat(letters).singleElement().satisfies(letter -> {
            assertThat(letter.getString("kind").getValue()).isEqualTo("over-budget");
            assertThat(letter.getInt64("count").getValue()).isEqualTo(3);
            assertThat(letter.getString("position").getValue()).isEqualTo(new SourcePosition(3, 0).toString());
            assertThat(letter.getString("table").getValue()).isEqualTo("public.meeting");
            assertThat(letter.getDocument("key").toJson()).isEqualTo("{\"id\": 1}");
            assertThat(letter.getString("reason").getValue()).contains("over max-bytes 600");
        });
    }

    private static Change meeting(long id, long pos, String notes) {
        return new Change("public.meeting", Op.UPDATE, RowKey.of("id", id), null, Map.of("id", id, "notes", notes),
                new SourcePosition(pos, 0), NOW, null);
    }
}
