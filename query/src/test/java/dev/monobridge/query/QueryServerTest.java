package dev.monobridge.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoDefinitions;

/**
 * The query server alone, over MongoDB only: it serves the projections whose definitions MongoDB
 * stores, as the stored text says (team, collection, fields), and picks up a rebuild's new definition.
 */
class QueryServerTest {

    private static final String RACING = "racing-web-token-0123456789";
    private static final String SPORTSBOOK = "sportsbook-web-token-0123456789";
    private static final List<String> NAMES = List.of("racing-homepage", "event-page");

    private final HttpClient http = HttpClient.newHttpClient();
    private MongoServer server;
    private MongoClient client;
    private MongoDatabase database;
    private MongoDefinitions stored;

    @BeforeEach
    void startMongo() throws IOException {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
        database = client.getDatabase("monobridge");
        stored = new MongoDefinitions(database);
        for (String name : NAMES) {
            ProjectionDefinition definition = TestProjections.projection(name);
            stored.store(definition, Files.readString(Path.of(definition.file())));
        }
        database.getCollection("racing_homepage", BsonDocument.class).insertOne(new BsonDocument("_id", new BsonInt64(1))
                .append("id", new BsonInt64(1)).append("venue", new BsonString("Ascot"))
                .append("_meta", BsonDocument.parse("{position: '0000000000000064/0000000000000064', version: 1}")));
    }

    @AfterEach
    void stopMongo() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void itServesTheStoredDefinitionsProjectionsToTheirTeamsOnly() throws Exception {
        try (StoredProjections projections = StoredProjections.start(stored, NAMES);
             QueryServer query = QueryServer.start(settings(), database, projections)) {
            HttpResponse<String> document = get(query, "/v1/projections/racing-homepage/documents/1", RACING);
            HttpResponse<String> otherTeam = get(query, "/v1/projections/racing-homepage/documents/1", SPORTSBOOK);
            HttpResponse<String> noToken = get(query, "/v1/projections/racing-homepage/documents/1", null);

            assertThat(document.statusCode()).isEqualTo(200);
            assertThat(BsonDocument.parse(document.body()).getString("venue").getValue()).isEqualTo("Ascot");
            assertThat(document.headers().firstValue("ETag")).hasValue("\"0000000000000064/0000000000000064.1.-\"");
            assertThat(document.headers().firstValue("Cache-Control")).hasValue("private, no-cache");
            assertThat(otherTeam.statusCode()).isEqualTo(404);
            assertThat(noToken.statusCode()).isEqualTo(401);
            assertThat(get(query, "/ready", null).statusCode()).isEqualTo(200);
            assertThat(get(query, "/openapi.yaml", RACING).body()).startsWith("openapi: 3");
            assertThat(get(query, "/admin/status", RACING).statusCode()).as("the bridge's, not serve's").isEqualTo(404);
        }
    }

    @Test
    void aRebuildsNewStoredDefinitionIsServedAfterTheNextRefresh() throws Exception {
        try (StoredProjections projections = StoredProjections.start(stored, NAMES)) {
            assertThat(projections.projections()).extracting(ProjectionDefinition::version).containsExactly(1, 1);
            List<ProjectionDefinition> before = projections.projections();
            ProjectionDefinition racing = TestProjections.projection("racing-homepage");
            stored.store(racing, Files.readString(Path.of(racing.file())).replace("version: 1", "version: 2"));

            assertThat(projections.projections()).as("until the refresh").isSameAs(before);
            projections.refresh();

            assertThat(projections.projections()).extracting(ProjectionDefinition::version).containsExactly(2, 1);
        }
    }

    @Test
    void aConfiguredProjectionWithNoStoredDefinitionIsAClearError() {
        assertThatThrownBy(() -> StoredProjections.start(stored, List.of("racing-homepage", "customer-bets")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("MongoDB holds no stored definition of customer-bets yet: the bridge stores a projection's definition "
                        + "when it first starts with it (monobridge run), and only then can monobridge serve answer queries on it");
    }

    private static QuerySettings settings() {
        Tokens tokens = Tokens.of(Map.of("racing-web", List.of(Tokens.sha256Hex(RACING)),
                "sportsbook-web", List.of(Tokens.sha256Hex(SPORTSBOOK))), null, null);
        return new QuerySettings("127.0.0.1", 0, tokens, 200, Duration.ofSeconds(10));
    }

    private HttpResponse<String> get(QueryServer query, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(query.address().resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
