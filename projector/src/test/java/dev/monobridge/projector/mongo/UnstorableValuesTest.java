package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
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
 * P7: a value MongoDB cannot hold is bad input. It must give a dead letter with the reason, while the
 * rest of the stream goes on; it must not fail every batch it is in.
 */
class UnstorableValuesTest {

    private static final Instant NOW = Instant.parse("2026-12-26T18:00:00Z");
    private static final ProjectionDefinition MEETINGS = new ProjectionDefinitionReader().readText("meetings.yaml", """
            name: meetings
            team: racing-web
            collection: meetings
            version: 1
            root:
              table: public.meeting
              key: id
              fields: [id, venue, prize_fund]
            """);

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    /**
     * PostgreSQL's unconstrained {@code numeric} holds far more digits than the 34 of a Decimal128. Such
     * a value cannot be written exactly, and the projector never rounds silently.
     */
    @Test
    void aDecimalTooPreciseForMongoDbBecomesADeadLetterAndTheBatchGoesOn() {
        MongoDatabase database = mongo.freshDatabase("unstorable");
        ProjectorStats stats = new ProjectorStats();
        Projector projector = MongoProjectorFactory.open(database, List.of(MEETINGS), Duration.ofHours(1), stats,
                Clock.fixed(NOW, ZoneOffset.UTC));
        List<Change> batch = List.of(
                meeting(1, 1, new BigDecimal("250000.00")),
                meeting(2, 2, new BigDecimal("1.234567890123456789012345678901234567")));

        assertThatCode(() -> projector.accept(batch)).as("projecting the batch").doesNotThrowAnyException();

        assertThat(stats.deadLetters()).isEqualTo(1);
        assertThat(database.getCollection("meetings", BsonDocument.class)
                .find(new BsonDocument("_id", new BsonInt64(1))).first()).as("meeting 1's document").isNotNull();
    }

    private static Change meeting(long id, long pos, BigDecimal prizeFund) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", id);
        after.put("venue", "Venue " + id);
        after.put("prize_fund", prizeFund);
        return new Change("public.meeting", Op.CREATE, RowKey.of("id", id), null, after, new SourcePosition(pos, 0), NOW, null);
    }
}
