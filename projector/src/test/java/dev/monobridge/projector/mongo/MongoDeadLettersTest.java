package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

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
import dev.monobridge.projector.core.DeadLetter;
import dev.monobridge.projector.core.DocumentRef;
import dev.monobridge.projector.core.DocumentWrite;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.testing.InProcessMongo;

/** Dead letters can be listed, and those that kept their change can be replayed through the projector. */
class MongoDeadLettersTest {

    private static final Instant NOW = Instant.parse("2026-12-26T18:00:00Z");
    private static final ProjectionDefinition MEETINGS = new ProjectionDefinitionReader().readText("meetings.yaml", """
            name: meetings
            team: racing-web
            collection: meetings
            version: 1
            root:
              table: public.meeting
              key: id
              fields: [id, venue, prize_fund, first_race]
            """);

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    @Test
    void aDeadLetteredChangeIsRebuiltExactlyForReplay() {
        MongoDatabase database = mongo.freshDatabase("rebuilt");
        Change change = meeting(7);
        write(database, DeadLetter.unprojectable(change, "cannot project: a bug since fixed"));
        MongoDeadLetters deadLetters = new MongoDeadLetters(database);

        assertThat(deadLetters.requestReplay(null)).isEqualTo(1);

        assertThat(deadLetters.replayRequests()).extracting(MongoDeadLetters.Replay::change).containsExactly(change);
    }

    @Test
    void aRefusedWriteCarriesNoChangeAndCannotBeReplayed() {
        MongoDatabase database = mongo.freshDatabase("refused");
        DocumentRef ref = new DocumentRef(MEETINGS, RowKey.of("id", 7L));
        write(database, DeadLetter.refusedWrite(new DocumentWrite.Delete(ref), "MongoDB refused the write"));
        MongoDeadLetters deadLetters = new MongoDeadLetters(database);

        assertThat(deadLetters.requestReplay(null)).isZero();
        assertThat(deadLetters.list(10)).hasSize(1);
        assertThat(deadLetters.replayRequests()).isEmpty();
    }

    @Test
    void aReplayedChangeReachesItsDocumentAndItsLetterIsRemoved() {
        MongoDatabase database = mongo.freshDatabase("replayed");
        write(database, DeadLetter.unprojectable(meeting(7), "cannot project: a bug since fixed"));
        MongoDeadLetters deadLetters = new MongoDeadLetters(database);
        deadLetters.requestReplay(null);
        Projector projector = MongoProjectorFactory.open(database, List.of(MEETINGS), Duration.ofHours(1),
                new ProjectorStats(), Clock.fixed(NOW, ZoneOffset.UTC));

        List<MongoDeadLetters.Replay> replays = deadLetters.replayRequests();
        projector.accept(replays.stream().map(MongoDeadLetters.Replay::change).toList());
        deadLetters.replayed(replays);

        BsonDocument document = database.getCollection("meetings", BsonDocument.class)
                .find(new BsonDocument("_id", new BsonInt64(7))).first();
        assertThat(document).isNotNull();
        assertThat(document.getString("venue").getValue()).isEqualTo("Kempton");
        assertThat(deadLetters.count()).isZero();
    }

    private static void write(MongoDatabase database, DeadLetter letter) {
        new MongoDeadLetterCollection(database.getCollection(MongoProjectionStore.DEAD_LETTERS, BsonDocument.class))
                .write(List.of(letter), NOW);
    }

    private static Change meeting(long id) {
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("id", id);
        after.put("venue", "Kempton");
        after.put("prize_fund", new BigDecimal("250000.00"));
        after.put("first_race", Instant.parse("2026-12-26T12:45:00Z"));
        return new Change("public.meeting", Op.CREATE, RowKey.of("id", id), null, after,
                new SourcePosition(40, 41), Instant.parse("2026-12-26T11:00:00.123Z"), "901");
    }
}
