package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import dev.monobridge.projector.mongo.MongoDocumentDifferences.Difference;

/** What the drift sampler reports of a stored document against the one the source gives. */
class MongoDocumentDifferencesTest {

    private static final String STORED = """
            {_id: {$numberLong: "7"}, id: {$numberLong: "7"}, venue: "York",
             races: [{id: {$numberLong: "1"}, name: "Ebor", price: {$numberDecimal: "2.50"}},
                     {id: {$numberLong: "2"}, name: "Gimcrack", price: {$numberDecimal: "3.00"}}],
             _meta: {projection: "p", version: 1, position: "01", writtenAt: {$date: "2026-12-01T09:00:01Z"}}}
            """;

    private static Map<String, Object> expected(String venue, List<Map<String, Object>> races) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", 7L);
        document.put("venue", venue);
        document.put("races", races);
        return document;
    }

    private static Map<String, Object> race(long id, String name, String price) {
        Map<String, Object> race = new LinkedHashMap<>();
        race.put("id", id);
        race.put("name", name);
        race.put("price", new BigDecimal(price));
        return race;
    }

    @Test
    void theSameContentDiffersInNothingWhateverItsMetaSays() {
        assertThat(MongoDocumentDifferences.between(BsonDocument.parse(STORED),
                expected("York", List.of(race(1, "Ebor", "2.50"), race(2, "Gimcrack", "3.00"))))).isEmpty();
    }

    @Test
    void eachDifferingPathIsNamedWithTheStoredAndTheExpectedValue() {
        assertThat(MongoDocumentDifferences.between(BsonDocument.parse(STORED),
                expected("Ascot", List.of(race(1, "Ebor", "2.5"), race(2, "Gimcrack", "3.00"), race(3, "Nunthorpe", "9.00")))))
                .containsExactly(
                        new Difference("venue", Optional.of("\"York\""), Optional.of("\"Ascot\"")),
                        new Difference("races.0.price", Optional.of("{\"$numberDecimal\": \"2.50\"}"),
                                Optional.of("{\"$numberDecimal\": \"2.5\"}")),
                        new Difference("races.2", Optional.empty(),
                                Optional.of("{\"id\": 3, \"name\": \"Nunthorpe\", \"price\": {\"$numberDecimal\": \"9.00\"}}")));
    }

    @Test
    void aValueOfAnotherTypeIsShownWithItsType() {
        BsonDocument stored = BsonDocument.parse(STORED);
        stored.put("id", new org.bson.BsonInt32(7));
        assertThat(MongoDocumentDifferences.between(stored, expected("York", List.of(race(1, "Ebor", "2.50"), race(2, "Gimcrack", "3.00")))))
                .containsExactly(new Difference("id", Optional.of("{\"$numberInt\": \"7\"}"), Optional.of("{\"$numberLong\": \"7\"}")));
    }

    @Test
    void aFieldOnlyTheStoredDocumentHasIsADifferenceToo() {
        BsonDocument stored = BsonDocument.parse(STORED);
        stored.append("smuggled", new org.bson.BsonInt32(1));
        assertThat(MongoDocumentDifferences.between(stored, expected("York", List.of(race(1, "Ebor", "2.50"), race(2, "Gimcrack", "3.00")))))
                .containsExactly(new Difference("smuggled", Optional.of("1"), Optional.empty()));
    }
}
