package dev.monobridge.connector.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.bson.BsonArray;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;

import dev.monobridge.connector.demo.InProcessMongo;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.query.Tokens;

/**
 * The HTTP server over an in-process MongoDB and a {@link TestBridge}, with one token per role, and a
 * record of every {@code find} MongoDB received on a projection collection.
 */
final class TestApi implements AutoCloseable {

    static final String RACING = "racing-web-token-0123456789";
    static final String SPORTSBOOK = "sportsbook-web-token-0123456789";
    static final String ADMIN = "admin-token-0123456789";
    static final String METRICS = "metrics-token-0123456789";

    final InProcessMongo mongo = InProcessMongo.start();
    final List<BsonDocument> filtersSent = new CopyOnWriteArrayList<>();
    /** Every {@code find} on a projection collection, whole (filter, projection, sort, limit). */
    final List<BsonDocument> findsSent = new CopyOnWriteArrayList<>();
    final MongoClient client;
    final TestBridge bridge;
    final HttpApi api;
    final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestApi(UnaryOperator<HttpSettings> settings) {
        CommandListener recorder = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                BsonDocument command = event.getCommand();
                if (event.getCommandName().equals("find")
                        && TestBridge.PROJECTIONS.stream().anyMatch(p -> p.collection().equals(command.getString("find").getValue()))) {
                    findsSent.add(command.clone());
                }
                if (event.getCommandName().equals("find") && command.isDocument("filter")
                        && !command.getDocument("filter").isEmpty()
                        && TestBridge.PROJECTIONS.stream().anyMatch(p -> p.collection().equals(command.getString("find").getValue()))) {
                    filtersSent.add(command.getDocument("filter").clone());
                }
            }
        };
        client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString()))
                .addCommandListener(recorder).build());
        bridge = new TestBridge(client.getDatabase("monobridge"));
        Tokens tokens = Tokens.of(Map.of("racing-web", List.of(Tokens.sha256Hex(RACING)),
                "sportsbook-web", List.of(Tokens.sha256Hex(SPORTSBOOK))), Tokens.sha256Hex(ADMIN), Tokens.sha256Hex(METRICS));
        api = HttpApi.start(settings.apply(HttpSettings.local(0, tokens)), bridge);
        base = api.address().orElseThrow();
    }

    static TestApi start() {
        return start(HttpSettings.DEFAULT_MAX_PAGE_SIZE);
    }

    static TestApi start(int maxPageSize) {
        return new TestApi(settings -> settings.withMaxPageSize(maxPageSize));
    }

    /** With a request-read (idle) timeout short enough to wait for in a test. */
    static TestApi start(Duration idleTimeout) {
        return new TestApi(settings -> settings.withIdleTimeout(idleTimeout));
    }

    /** A GET; {@code headers} are name, value pairs. */
    HttpResponse<String> get(String path, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET();
        return send(request, token, headers);
    }

    /** A HEAD; {@code headers} are name, value pairs. */
    HttpResponse<String> head(String path, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .method("HEAD", HttpRequest.BodyPublishers.noBody());
        return send(request, token, headers);
    }

    HttpResponse<String> post(String path, String token) {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.noBody()), token);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token, String... headers) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    MongoCollection<BsonDocument> collection(String projection) {
        return bridge.database().getCollection(TestBridge.projection(projection).collection(), BsonDocument.class);
    }

    /** A racing-homepage document as the projector would write it. */
    static BsonDocument meeting(long id, String venue, String country, String going, long position) {
        Instant written = Instant.now();
        return new BsonDocument("_id", new BsonInt64(id))
                .append("id", new BsonInt64(id))
                .append("venue", new BsonString(venue))
                .append("date", new BsonString("2026-12-26"))
                .append("country", new BsonString(country))
                .append("going", new BsonString(going))
                .append("races", new BsonArray(List.of(new BsonDocument("id", new BsonInt64(id * 10))
                        .append("name", new BsonString(venue + " Chase")))))
                .append("_meta", new BsonDocument("projection", new BsonString("racing-homepage"))
                        .append("version", new BsonInt32(1))
                        .append("position", new BsonString(new SourcePosition(position, position).toString()))
                        .append("commitTime", new BsonDateTime(written.toEpochMilli() - 40))
                        .append("writtenAt", new BsonDateTime(written.toEpochMilli())));
    }

    /** An event-page document. */
    static BsonDocument event(long id, String name, String status) {
        Instant written = Instant.now();
        return new BsonDocument("_id", new BsonInt64(id))
                .append("id", new BsonInt64(id))
                .append("name", new BsonString(name))
                .append("status", new BsonString(status))
                .append("_meta", new BsonDocument("projection", new BsonString("event-page"))
                        .append("version", new BsonInt32(1))
                        .append("position", new BsonString(new SourcePosition(id, 1).toString()))
                        .append("commitTime", new BsonDateTime(written.toEpochMilli()))
                        .append("writtenAt", new BsonDateTime(written.toEpochMilli())));
    }

    @Override
    public void close() {
        api.close();
        client.close();
        mongo.close();
    }
}
