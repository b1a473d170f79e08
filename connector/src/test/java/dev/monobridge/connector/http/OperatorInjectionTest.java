package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Attempts to smuggle MongoDB operators through the query API: each is answered 400 with a JSON error,
 * and MongoDB receives no filtered query for it at all.
 */
class OperatorInjectionTest {

    private static final String LIST = "/v1/projections/racing-homepage/documents";
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        api.collection("racing-homepage").insertOne(TestApi.meeting(1, "Ascot", "GB", "Soft", 100));
        api.collection("racing-homepage").insertOne(TestApi.meeting(2, "Kempton", "GB", "Good", 100));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @BeforeEach
    void forgetFilters() {
        api.filtersSent.clear();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "venue[$ne]=x",
            "venue%5B%24ne%5D=x",
            "$where=sleep(1000)",
            "%24where=this.venue",
            "venue={\"$gt\": 1}",
            "venue=%7B%22%24gt%22%3A%201%7D",
            "country=GB&going[$regex]=.*",
            "$or=[{\"venue\":\"Ascot\"}]",
            "sort=$natural",
            "sort=-$where",
            "venue.$id=1",
    })
    void anOperatorInTheQueryStringIs400AndNeverReachesMongo(String query) {
        HttpResponse<String> response = api.get(LIST + "?" + query.replace(" ", "%20").replace("{", "%7B").replace("}", "%7D")
                .replace("\"", "%22").replace("[", "%5B").replace("]", "%5D"), TestApi.RACING);

        assertThat(response.statusCode()).isEqualTo(400);
        BsonDocument error = BsonDocument.parse(response.body());
        assertThat(error.getInt32("status").getValue()).isEqualTo(400);
        assertThat(error.getString("message").getValue()).isNotBlank();
        assertThat(api.filtersSent).isEmpty();
    }

    @Test
    void anOperatorInADocumentKeyIs400() {
        HttpResponse<String> response = api.get(LIST + "/" + URLEncoder.encode("{\"$gt\":0}", StandardCharsets.UTF_8), TestApi.RACING);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(api.filtersSent).isEmpty();
    }

    @Test
    void aFieldTheDefinitionDoesNotDeclareIs400NamingTheQueryableFields() {
        HttpResponse<String> response = api.get(LIST + "?races=1", TestApi.RACING);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(BsonDocument.parse(response.body()).getString("message").getValue())
                .contains("'races' is not a queryable field of racing-homepage")
                .contains("id, venue, date, country, going");
        assertThat(api.filtersSent).isEmpty();
    }

    @Test
    void braceLikeTextWithoutADollarIsMatchedAsPlainText() {
        HttpResponse<String> response = api.get(LIST + "?venue=" + URLEncoder.encode("{\"gt\": 1}", StandardCharsets.UTF_8),
                TestApi.RACING);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BsonDocument.parse(response.body()).getArray("documents")).isEmpty();
        assertThat(api.filtersSent).singleElement().satisfies(filter -> {
            BsonValue venue = filter.get("venue");
            assertThat(venue.getBsonType()).isEqualTo(BsonType.STRING);
            assertThat(venue.asString().getValue()).isEqualTo("{\"gt\": 1}");
        });
    }

    @Test
    void aForgedCursorHoldingADocumentIs400() {
        BsonDocument forged = new BsonDocument("f", new BsonString("_id")).append("d", new BsonInt32(1))
                .append("v", new BsonDocument("$where", new BsonString("sleep(1000)"))).append("i", new BsonInt64(0));
        var bytes = new RawBsonDocument(forged, new BsonDocumentCodec()).getByteBuffer().asNIO();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(array);

        for (String bad : List.of(cursor, "not-a-cursor", "AAAA")) {
            HttpResponse<String> response = api.get(LIST + "?cursor=" + bad, TestApi.RACING);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
        }
        assertThat(api.filtersSent).isEmpty();
    }

    @Test
    void malformedValuesAre400() {
        assertThat(api.get(LIST + "?venue=", TestApi.RACING).statusCode()).isEqualTo(400);
        assertThat(api.get(LIST + "?country=" + "x".repeat(2000), TestApi.RACING).statusCode()).isEqualTo(400);
        assertThat(api.get(LIST + "?sort=races", TestApi.RACING).statusCode()).isEqualTo(400);
        assertThat(api.get(LIST + "?sort=venue&sort=going", TestApi.RACING).statusCode()).isEqualTo(400);
        assertThat(api.filtersSent).isEmpty();
    }

    @Test
    void plainFiltersAreTypedAndMatch() {
        HttpResponse<String> byText = api.get(LIST + "?country=GB&going=Good", TestApi.RACING);
        HttpResponse<String> byNumber = api.get(LIST + "?id=1", TestApi.RACING);
        HttpResponse<String> either = api.get(LIST + "?going=Good&going=Soft", TestApi.RACING);

        assertThat(ids(byText)).containsExactly(2L);
        assertThat(ids(byNumber)).containsExactly(1L);
        assertThat(ids(either)).containsExactly(1L, 2L);
    }

    private static List<Long> ids(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(200);
        return BsonDocument.parse(response.body()).getArray("documents").stream()
                .map(d -> d.asDocument().getNumber("_id").longValue()).toList();
    }
}
