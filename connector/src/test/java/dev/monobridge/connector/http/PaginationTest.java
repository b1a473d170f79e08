package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.bson.BsonDocument;
import org.bson.conversions.Bson;
import org.bson.BsonNull;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

class PaginationTest {

    private static final String LIST = "/v1/projections/racing-homepage/documents";
    private static final int DOCUMENTS = 57;
    private static final int MAX_PAGE = 25;
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(MAX_PAGE);
        String[] goings = {"Good", "Soft", "Heavy", "Firm"};
        List<BsonDocument> meetings = new ArrayList<>();
        for (long id = 1; id <= DOCUMENTS; id++) {
            BsonDocument meeting = TestApi.meeting(id, "Venue " + (id % 9), id % 3 == 0 ? "IE" : "GB", goings[(int) (id % 4)], id);
            if (id % 7 == 0) {
                meeting.put("going", BsonNull.VALUE);
            } else if (id % 11 == 0) {
                meeting.remove("going");
            }
            meetings.add(meeting);
        }
        Collections.shuffle(meetings, new java.util.Random(3));
        api.collection("racing-homepage").insertMany(meetings);
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aPageSizeOverTheLimitIs400() {
        HttpResponse<String> response = api.get(LIST + "?limit=" + (MAX_PAGE + 1), TestApi.RACING);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(BsonDocument.parse(response.body()).getString("message").getValue())
                .isEqualTo("limit 26 is over the maximum page size, 25");
        assertThat(api.get(LIST + "?limit=0", TestApi.RACING).statusCode()).isEqualTo(400);
        assertThat(api.get(LIST + "?limit=ten", TestApi.RACING).statusCode()).isEqualTo(400);
        assertThat(api.get(LIST + "?limit=" + MAX_PAGE, TestApi.RACING).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutALimitAPageHoldsTwentyDocuments() {
        HttpResponse<String> response = api.get(LIST, TestApi.RACING);

        assertThat(BsonDocument.parse(response.body()).getArray("documents")).hasSize(20);
        assertThat(BsonDocument.parse(response.body()).isString("next")).isTrue();
    }

    @ParameterizedTest(name = "sort {0}, limit {1}")
    @CsvSource({"_id,10", "-_id,7", "-id,9", "going,4", "-going,6", "venue,25", "-country,1"})
    void followingTheCursorReturnsEachDocumentExactlyOnceInSortOrder(String sort, int limit) {
        List<BsonDocument> seen = readAll("sort=" + sort + "&limit=" + limit, limit);

        assertThat(seen).extracting(d -> d.getNumber("_id").longValue()).doesNotHaveDuplicates().hasSize(DOCUMENTS);
        String field = sort.replace("-", "");
        List<BsonDocument> expected = api.collection("racing-homepage").find().sort(sortedBy(field,
                sort.startsWith("-") ? -1 : 1)).into(new ArrayList<>());
        assertThat(seen).extracting(d -> d.getNumber("_id").longValue())
                .containsExactlyElementsOf(expected.stream().map(d -> d.getNumber("_id").longValue()).toList());
    }

    @Test
    void aFilteredListPagesThroughExactlyTheMatchingDocuments() {
        List<BsonDocument> seen = readAll("country=GB&sort=-going&limit=5", 5);

        long expected = api.collection("racing-homepage").countDocuments(Filters.eq("country", "GB"));
        assertThat(seen).hasSize((int) expected).allSatisfy(d -> assertThat(d.getString("country").getValue()).isEqualTo("GB"));
        assertThat(seen).extracting(d -> d.getNumber("_id").longValue()).doesNotHaveDuplicates();
    }

    @Test
    void aCursorIsRefusedWithAnotherSort() {
        String next = BsonDocument.parse(api.get(LIST + "?sort=venue&limit=5", TestApi.RACING).body()).getString("next").getValue();

        HttpResponse<String> response = api.get(LIST + "?sort=going&limit=5&cursor=" + next, TestApi.RACING);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(BsonDocument.parse(response.body()).getString("message").getValue()).contains("keep the sort while paging");
    }

    private static List<BsonDocument> readAll(String query, int limit) {
        List<BsonDocument> seen = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            HttpResponse<String> response = api.get(LIST + "?" + query
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), TestApi.RACING);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            BsonDocument body = BsonDocument.parse(response.body());
            List<BsonDocument> documents = body.getArray("documents").stream().map(d -> d.asDocument()).toList();
            assertThat(documents.size()).isLessThanOrEqualTo(limit);
            seen.addAll(documents);
            if (body.isNull("next")) {
                return seen;
            }
            cursor = body.getString("next").getValue();
        }
        throw new AssertionError("more than 100 pages");
    }

    /** The order the API documents: the sort field, then {@code _id}, both in the same direction. */
    private static Bson sortedBy(String field, int direction) {
        List<String> fields = field.equals("_id") ? List.of("_id") : List.of(field, "_id");
        return direction > 0 ? Sorts.ascending(fields) : Sorts.descending(fields);
    }
}
