package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.monobridge.query.ServerSetup;
import dev.monobridge.query.Tokens;

/**
 * Issue 10's HTTP items, as the server's settings: slow and idle clients, oversized requests, malformed
 * URLs, HEAD, unknown methods. Every refusal is the API's JSON error.
 */
class HttpHardeningTest {

    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(3);
    private static final String DOCUMENT = "/v1/projections/racing-homepage/documents/1";
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start(IDLE_TIMEOUT);
        api.collection("racing-homepage").insertOne(TestApi.meeting(1, "Ascot", "GB", "Soft", 100));
    }

    @AfterAll
    static void stop() {
        api.close();
    }

    @Test
    void fiftyHalfOpenConnectionsDoNotStopHealthOrQueriesAndAreClosedAfterTheReadTimeout() throws IOException {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket socket = new Socket(api.base.getHost(), api.base.getPort());
                socket.getOutputStream().write("GET /hea".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                idle.add(socket);
            }

            await().atMost(ANSWER_WITHIN).untilAsserted(() -> {
                assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
                assertThat(api.get(DOCUMENT, TestApi.RACING).statusCode()).isEqualTo(200);
                assertThat(api.get("/v1/projections/racing-homepage/documents?country=GB", TestApi.RACING).statusCode())
                        .isEqualTo(200);
            });

            long opened = System.nanoTime();
            for (Socket socket : idle) {
                assertThat(closedByServer(socket, IDLE_TIMEOUT.multipliedBy(5))).as("the server closed a half-sent request")
                        .isTrue();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isLessThan(IDLE_TIMEOUT.multipliedBy(5));
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }

    @Test
    void headAnswersWhatGetAnswersWithNoBody() {
        HttpResponse<String> get = api.get(DOCUMENT, TestApi.RACING);
        HttpResponse<String> head = api.head(DOCUMENT, TestApi.RACING);
        String etag = get.headers().firstValue("ETag").orElseThrow();

        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        for (String header : List.of("ETag", "Cache-Control", "Content-Type", "X-Content-Type-Options")) {
            assertThat(head.headers().firstValue(header)).as(header).isEqualTo(get.headers().firstValue(header)).isPresent();
        }
        assertThat(api.head(DOCUMENT, TestApi.RACING, "If-None-Match", etag).statusCode()).isEqualTo(304);
        assertThat(api.head(DOCUMENT, null).statusCode()).isEqualTo(401);
        assertThat(api.head("/v1/projections/event-page/documents/7", TestApi.RACING).statusCode()).isEqualTo(404);
        assertThat(api.head("/health", null).statusCode()).isEqualTo(200);
        assertThat(api.head("/dashboard", null).headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(api.head("/dashboard.js", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aMalformedPercentEncodingIsAJson400InTheQueryAndInThePath() {
        RawHttp.Response query = RawHttp.send(api.base, "GET /v1/projections/racing-homepage/documents?venue=%zz HTTP/1.1",
                "Authorization: Bearer " + TestApi.RACING);
        RawHttp.Response name = RawHttp.send(api.base, "GET /v1/projections/racing-homepage/documents?%zz=Ascot HTTP/1.1",
                "Authorization: Bearer " + TestApi.RACING);
        RawHttp.Response path = RawHttp.send(api.base, "GET /v1/projections/racing-homepage/documents/%zz HTTP/1.1",
                "Authorization: Bearer " + TestApi.RACING);

        assertJsonError(query, 400);
        assertThat(error(query).getString("message").getValue()).contains("percent-encoded");
        assertJsonError(name, 400);
        assertJsonError(path, 400);
    }

    @Test
    void headersOverTheLimitAreAJson431() {
        RawHttp.Response response = RawHttp.send(api.base, "GET /health HTTP/1.1", "X-Padding: " + "a".repeat(80 * 1024));

        assertJsonError(response, 431);
    }

    @Test
    void aUrlOverTheLimitIsAJson414() {
        RawHttp.Response response = RawHttp.send(api.base, "GET /v1/projections/racing-homepage/documents?venue="
                + "a".repeat(ServerSetup.MAX_REQUEST_HEADER_BYTES * 2) + " HTTP/1.1", "Authorization: Bearer " + TestApi.RACING);

        assertJsonError(response, 414);
    }

    @Test
    void anUnknownMethodIsAJson405NamingTheAllowedOnes() {
        RawHttp.Response response = RawHttp.send(api.base, "BREW " + DOCUMENT + " HTTP/1.1", "Authorization: Bearer " + TestApi.RACING);
        RawHttp.Response delete = RawHttp.send(api.base, "DELETE /health HTTP/1.1");

        assertJsonError(response, 405);
        assertThat(response.headers().get("allow")).contains("GET").contains("HEAD");
        assertJsonError(delete, 405);
    }

    @Test
    void aPortInUseIsOneClearError() {
        HttpSettings taken = HttpSettings.local(api.base.getPort(), Tokens.of(Map.of(), null, null));

        assertThatThrownBy(() -> HttpApi.start(taken, api.bridge).close()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot listen on 127.0.0.1:" + api.base.getPort() + ": ")
                .hasMessageEndingWith("(set http.port, or 0 to turn the HTTP server off)");
        assertThat(api.get("/health", null).statusCode()).isEqualTo(200);
    }

    private static void assertJsonError(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        BsonDocument error = error(response);
        assertThat(error.getInt32("status").getValue()).isEqualTo(status);
        assertThat(error.getString("error").getValue()).isNotBlank();
        assertThat(error.getString("message").getValue()).isNotBlank();
    }

    private static BsonDocument error(RawHttp.Response response) {
        return BsonDocument.parse(response.body());
    }

    /** Whether the server closes the socket (end of stream, or a reset) within {@code bound}. */
    private static boolean closedByServer(Socket socket, Duration bound) throws IOException {
        socket.setSoTimeout((int) bound.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[1024];
        try {
            // The server may answer 408 before it closes: read what it sends until the end of the stream.
            for (int reads = 0; reads < 100; reads++) {
                if (in.read(buffer) < 0) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
