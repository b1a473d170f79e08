package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import dev.monobridge.projector.change.SourcePosition;

class ConditionalGetTest {

    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        api.collection("racing-homepage").insertOne(TestApi.meeting(1, "Ascot", "GB", "Soft", 100));
        api.collection("racing-homepage").insertOne(TestApi.meeting(2, "Kempton", "GB", "Good", 100));
        api.collection("racing-homepage").insertOne(TestApi.meeting(3, "Leopardstown", "IE", "Heavy", 100));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void aDocumentCarriesAnETagDerivedFromItsSourcePosition() {
        HttpResponse<String> response = api.get("/v1/projections/racing-homepage/documents/1", TestApi.RACING);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag)
                .startsWith("\"" + new SourcePosition(100, 100) + ".1."));
        assertThat(response.headers().firstValue("Cache-Control")).as("a private cache may keep it, and must revalidate")
                .hasValue("private, no-cache");
        assertThat(response.headers().firstValue("Vary")).hasValue("Authorization");
    }

    @Test
    void aPageCarriesTheSameCacheHeaders() {
        HttpResponse<String> response = api.get("/v1/projections/racing-homepage/documents?country=GB", TestApi.RACING);

        assertThat(response.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
        assertThat(response.headers().firstValue("Vary")).hasValue("Authorization");
    }

    @Test
    void aConditionalRequestForAnUnchangedDocumentReadsOnlyItsMeta() {
        String etag = api.get("/v1/projections/racing-homepage/documents/1", TestApi.RACING).headers().firstValue("ETag").orElseThrow();
        api.findsSent.clear();

        HttpResponse<String> again = api.get("/v1/projections/racing-homepage/documents/1", TestApi.RACING, "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(api.findsSent).as("one find, of _meta alone").singleElement()
                .satisfies(find -> assertThat(find.getDocument("projection")).isEqualTo(BsonDocument.parse("{_meta: 1}")));
    }

    @Test
    void aConditionalRequestForAnUnchangedPageReadsOnlyWhatItsETagIsMadeOf() {
        String path = "/v1/projections/racing-homepage/documents?country=GB&sort=going&limit=1";
        String etag = api.get(path, TestApi.RACING).headers().firstValue("ETag").orElseThrow();
        api.findsSent.clear();

        HttpResponse<String> again = api.get(path, TestApi.RACING, "If-None-Match", etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(api.findsSent).as("one find, of _meta and the sort field the next cursor needs").singleElement()
                .satisfies(find -> assertThat(find.getDocument("projection")).isEqualTo(BsonDocument.parse("{_meta: 1, going: 1}")));
    }

    @Test
    void aConditionalRequestForAMissingDocumentIs404() {
        assertThat(api.get("/v1/projections/racing-homepage/documents/999", TestApi.RACING, "If-None-Match", "\"x\"").statusCode())
                .isEqualTo(404);
    }

    @Test
    void anUnchangedDocumentAnswers304WithNoBody() {
        String etag = api.get("/v1/projections/racing-homepage/documents/1", TestApi.RACING).headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> again = api.get("/v1/projections/racing-homepage/documents/1", TestApi.RACING, "If-None-Match", etag);
        HttpResponse<String> weak = api.get("/v1/projections/racing-homepage/documents/1", TestApi.RACING,
                "If-None-Match", "\"other\", W/" + etag);

        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("ETag")).hasValue(etag);
        assertThat(weak.statusCode()).isEqualTo(304);
    }

    @Test
    void aChangedDocumentAnswers200WithANewETag() {
        String etag = api.get("/v1/projections/racing-homepage/documents/3", TestApi.RACING).headers().firstValue("ETag").orElseThrow();
        api.collection("racing-homepage").updateOne(Filters.eq("_id", 3L), Updates.combine(
                Updates.set("going", new BsonString("Soft")),
                Updates.set("_meta.position", new BsonString(new SourcePosition(200, 5).toString())),
                Updates.set("_meta.writtenAt", new BsonDateTime(System.currentTimeMillis()))));

        HttpResponse<String> changed = api.get("/v1/projections/racing-homepage/documents/3", TestApi.RACING, "If-None-Match", etag);

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag")).hasValueSatisfying(tag -> assertThat(tag).isNotEqualTo(etag));
        assertThat(BsonDocument.parse(changed.body()).getString("going").getValue()).isEqualTo("Soft");
        String newTag = changed.headers().firstValue("ETag").orElseThrow();
        assertThat(api.get("/v1/projections/racing-homepage/documents/3", TestApi.RACING, "If-None-Match", newTag).statusCode())
                .isEqualTo(304);
    }

    @Test
    void anUnchangedPageAnswers304AndAChangedOne200() {
        String path = "/v1/projections/racing-homepage/documents?country=GB";
        HttpResponse<String> first = api.get(path, TestApi.RACING);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        assertThat(etag).startsWith("W/\"");
        assertThat(api.get(path, TestApi.RACING, "If-None-Match", etag).statusCode()).isEqualTo(304);

        api.collection("racing-homepage").updateOne(Filters.eq("_id", 2L), Updates.combine(
                Updates.set("_meta.position", new BsonString(new SourcePosition(300, 1).toString())),
                Updates.set("_meta.writtenAt", new BsonDateTime(System.currentTimeMillis() + 1))));
        assertThat(api.get(path, TestApi.RACING, "If-None-Match", etag).statusCode()).isEqualTo(200);
    }

    @Test
    void aMissingDocumentIs404() {
        HttpResponse<String> response = api.get("/v1/projections/racing-homepage/documents/999", TestApi.RACING);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(BsonDocument.parse(response.body()).getString("message").getValue()).contains("999");
    }
}
