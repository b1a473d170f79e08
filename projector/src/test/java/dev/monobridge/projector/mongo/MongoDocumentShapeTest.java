package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;
import dev.monobridge.projector.mongo.MongoDocumentShape.Kind;
import dev.monobridge.projector.mongo.MongoDocumentShape.Problem;

/**
 * Shape checks against the racing homepage's real definition (config/projections), on documents as the
 * bridge writes them: a good one passes, and each way a document can lose its shape is named with its path.
 */
class MongoDocumentShapeTest {

    private static final ProjectionDefinition RACING = new ProjectionDefinitionReader()
            .readDirectory(Path.of("../config/projections")).stream()
            .filter(p -> p.name().equals("racing-homepage")).findFirst().orElseThrow();

    /** A meeting as the bridge writes it: every declared field, one race with two runners, and _meta. */
    private static final String MEETING = """
            {_id: 7, id: 7, venue: "Punchestown", date: "2026-12-01", country: "IE", going: "Firm",
             races: [{id: 37, name: "Sky Bet Bumper", offTime: {$date: "2026-12-01T09:42:00Z"}, status: "RESULTED",
                      distanceMetres: 6200,
                      runners: [{id: 292, name: "Noble Harbour", cloth: 4, price: {$numberDecimal: "4.72"}, status: "PLACED"},
                                {id: 293, name: "Silver Lining", cloth: 5, price: {$numberDecimal: "6.00"}, status: "RAN"}]}],
             _meta: {projection: "racing-homepage", version: 1, position: "00000000000000a0:0000000000000001",
                     commitTime: {$date: "2026-12-01T09:00:00Z"}, writtenAt: {$date: "2026-12-01T09:00:01Z"},
                     tables: {"public%2Emeeting": "00000000000000a0:0000000000000001"}}}
            """;

    @Test
    void aDocumentAsTheBridgeWritesItHasNoShapeProblem() {
        assertThat(MongoDocumentShape.check(BsonDocument.parse(MEETING), RACING)).isEmpty();
    }

    @Test
    void aListLongerThanItsMaxItemsIsNamedWithItsPathAndLength() {
        BsonDocument meeting = BsonDocument.parse(MEETING);
        BsonArray runners = meeting.getArray("races").get(0).asDocument().getArray("runners");
        for (int i = 0; i < 5; i++) {
            runners.add(runners.get(0).asDocument().clone());
        }
        assertThat(MongoDocumentShape.check(meeting, RACING))
                .containsExactly(new Problem(Kind.LIST_OVER_MAX_ITEMS, "races.0.runners", "7 entries, max-items 5"));
    }

    @Test
    void aDocumentLargerThanItsMaxBytesIsNamedWithItsSize() {
        BsonDocument meeting = BsonDocument.parse(MEETING);
        meeting.put("going", new org.bson.BsonString("x".repeat(RACING.maxBytes())));
        List<Problem> problems = MongoDocumentShape.check(meeting, RACING);
        assertThat(problems).extracting(Problem::kind).contains(Kind.OVER_MAX_BYTES);
        assertThat(problems.stream().filter(p -> p.kind() == Kind.OVER_MAX_BYTES).findFirst().orElseThrow().detail())
                .isEqualTo(MongoDocumentShape.bsonBytes(meeting) + " bytes, max-bytes " + RACING.maxBytes());
    }

    @Test
    void fieldsTheDefinitionDoesNotDeclareAreNamedAtEveryLevel() {
        BsonDocument meeting = BsonDocument.parse(MEETING);
        meeting.append("promo", new org.bson.BsonString("free bet"));
        meeting.getArray("races").get(0).asDocument().getArray("runners").get(1).asDocument()
                .append("jockey", new org.bson.BsonString("R. Walsh"));
        assertThat(MongoDocumentShape.check(meeting, RACING)).containsExactly(
                new Problem(Kind.UNDECLARED_FIELD, "promo", "not declared by the definition"),
                new Problem(Kind.UNDECLARED_FIELD, "races.0.runners.1.jockey", "not declared by the definition"));
    }

    @Test
    void aDocumentOfAnotherDefinitionVersionOrWithoutMetaIsStale() {
        BsonDocument older = BsonDocument.parse(MEETING);
        older.getDocument("_meta").put("version", new org.bson.BsonInt32(0));
        assertThat(MongoDocumentShape.check(older, RACING))
                .containsExactly(new Problem(Kind.STALE_VERSION, "_meta.version", "0, the live definition is version 1"));

        BsonDocument bare = BsonDocument.parse(MEETING);
        bare.remove("_meta");
        assertThat(MongoDocumentShape.check(bare, RACING))
                .containsExactly(new Problem(Kind.STALE_VERSION, "_meta.version", "none, the live definition is version 1"));
    }
}
