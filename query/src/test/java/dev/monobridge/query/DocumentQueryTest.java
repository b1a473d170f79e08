package dev.monobridge.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

import com.mongodb.MongoClientSettings;
import org.bson.conversions.Bson;

import dev.monobridge.projector.definition.QueryableFields;

import io.javalin.http.servlet.JavalinServletContextKt;

class DocumentQueryTest {

    private static final QueryableFields RACING = QueryableFields.of(TestProjections.projection("racing-homepage"));

    @Test
    void theQueryableFieldsAreTheRootFieldsAndTheKeyFieldIsQueriedAsId() {
        assertThat(RACING.names()).containsExactly("id", "venue", "date", "country", "going");
        assertThat(RACING.indexed()).containsExactly("venue", "date", "country", "going");
        assertThat(render(parse("id=7").filter())).isEqualTo(BsonDocument.parse("{_id: {$in: [{$numberLong: '7'}, '7']}}"));
        assertThat(parse("sort=-id").sortField()).isEqualTo("_id");
    }

    @Test
    void filtersOnTwoFieldsNeedBothAndOneFieldGivenTwiceTakesEither() {
        assertThat(render(parse("country=GB&going=Good&going=Soft").filter())).isEqualTo(BsonDocument.parse(
                "{$and: [{country: 'GB'}, {going: {$in: ['Good', 'Soft']}}]}"));
    }

    @Test
    void theSortBreaksTiesByIdInTheSameDirection() {
        assertThat(render(parse("sort=-going").sort())).isEqualTo(BsonDocument.parse("{going: -1, _id: -1}"));
        assertThat(render(parse("").sort())).isEqualTo(BsonDocument.parse("{_id: 1}"));
    }

    @Test
    void aCursorContinuesAfterItsValueThenAfterItsIdAndPlacesNullsFirstAscending() {
        PageCursor afterNull = new PageCursor("going", 1, BsonNull.VALUE, new BsonInt64(4));
        PageCursor afterGood = new PageCursor("going", -1, new BsonString("Good"), new BsonInt64(4));

        assertThat(render(afterNull.continuation())).isEqualTo(BsonDocument.parse(
                "{$or: [{$and: [{going: null}, {_id: {$gt: {$numberLong: '4'}}}]}, {going: {$ne: null}}]}"));
        assertThat(render(afterGood.continuation())).isEqualTo(BsonDocument.parse(
                "{$or: [{going: {$lt: 'Good'}}, {$and: [{going: 'Good'}, {_id: {$lt: {$numberLong: '4'}}}]}, {going: null}]}"));
    }

    @Test
    void aCursorSurvivesItsEncoding() {
        PageCursor cursor = new PageCursor("date", -1, new BsonString("2026-12-26"), new BsonInt64(12));

        assertThat(PageCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Test
    void reservedParametersAreNotFilters() {
        DocumentQuery query = parse("limit=5&sort=venue");

        assertThat(query.filters()).isEmpty();
        assertThat(query.limit()).isEqualTo(5);
        assertThatThrownBy(() -> parse("limit=5&limit=6")).isInstanceOf(ApiException.class);
    }

    private static DocumentQuery parse(String query) {
        // Javalin's own query-string parser, as the endpoint gets it from ctx.queryParamMap().
        return DocumentQuery.parse(JavalinServletContextKt.splitKeyValueStringAndGroupByKey(query, "UTF-8"), "racing-homepage",
                RACING, 50);
    }

    private static BsonDocument render(Bson bson) {
        return bson.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
    }
}
