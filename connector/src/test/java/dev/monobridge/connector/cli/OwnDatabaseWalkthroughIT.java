package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.monobridge.connector.bridge.Bridge;
import dev.monobridge.connector.config.BridgeConfigReader;
import dev.monobridge.connector.demo.DemoPostgres;
import dev.monobridge.connector.demo.InProcessMongo;

/**
 * The README's "Connect your own database", step by step, with the SQL and YAML read from README.md so
 * that the two cannot drift: the bridge's role is no superuser and logs in with its password, the
 * publication is made by the tables' owner, {@code validate} says OK through the real entry point, and the
 * bridge started from the same bridge.yaml writes the customer's document.
 */
class OwnDatabaseWalkthroughIT {

    private static final Path README = Path.of("..", "README.md");
    /** The README's password for the bridge's role, in its {@code role} block. */
    private static final String PASSWORD = "change-me";

    @TempDir
    Path directory;

    private DemoPostgres postgres;
    private InProcessMongo mongo;

    @BeforeEach
    void startServers() {
        postgres = DemoPostgres.startFresh();
        mongo = InProcessMongo.start();
    }

    @AfterEach
    void stopServers() {
        if (mongo != null) {
            mongo.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theWalkthroughTakesANewUserFromTheirOwnSchemaToADocument() throws Exception {
        ReadmeBlocks readme = new ReadmeBlocks(Files.readString(README));
        try (Connection superuser = postgres.dataSource().getConnection(); Statement sql = superuser.createStatement()) {
            // The user's own application role and schema, as they exist before the walkthrough: the role
            // that made its schema has CREATE on the database.
            sql.execute("CREATE ROLE shop_owner; GRANT CREATE ON DATABASE " + postgres.database() + " TO shop_owner;"
                    + " CREATE SCHEMA inventory AUTHORIZATION shop_owner");
            sql.execute("SET ROLE shop_owner");
            sql.execute(readme.block("schema"));
            sql.execute("RESET ROLE");
            sql.execute(readme.block("role"));
            sql.execute("SET ROLE shop_owner");
            sql.execute(readme.block("publication"));
            sql.execute("RESET ROLE");
        }
        try (Connection bridgeRole = DriverManager.getConnection(postgres.jdbcUrl(), "monobridge", PASSWORD);
             Statement sql = bridgeRole.createStatement(); var rs = sql.executeQuery("select rolsuper from pg_roles where rolname = current_user")) {
            rs.next();
            assertThat(rs.getBoolean(1)).as("the bridge's role is no superuser").isFalse();
        }
        Path config = directory.resolve("bridge.yaml");
        Files.writeString(config, readme.block("bridge.yaml")
                .replace("host: localhost", "host: " + postgres.host())
                .replace("port: 5432", "port: " + postgres.port())
                .replace("database: shop\n", "database: " + postgres.database() + "\n")
                .replace("uri: mongodb://localhost:27017", "uri: " + mongo.connectionString())
                .replace("port: 8080", "port: 0"));
        Files.writeString(directory.resolve("monobridge.password"), PASSWORD);
        Files.createDirectories(directory.resolve("projections"));
        Files.writeString(directory.resolve("projections").resolve("customers.yaml"), readme.block("projection"));

        CommandRun.Result validate = CommandRun.run("validate", "--config", config.toString());

        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(validate.out()).as(validate.all()).contains("OK: " + config + " and 1 projection definitions (customers), "
                + "checked against the source's schema and setup; MongoDB answers and takes writes");

        try (Bridge bridge = Bridge.start(BridgeOptionsFactory.from(new BridgeConfigReader().read(config), Map.of()));
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            var customers = client.getDatabase("shop_read").getCollection("customers");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Document sally = customers.find(new Document("_id", 1001)).first();
                assertThat(sally).isNotNull();
                assertThat(sally.getString("email")).isEqualTo("sally.thomas@acme.com");
                assertThat(sally.getList("orders", Document.class)).extracting(order -> order.get("quantity"))
                        .containsExactly(2L, 1L);
            });
            assertThat(bridge.capture().failure()).isNull();
        }
    }

    /** The fenced block after each {@code <!-- walkthrough: name -->} line of the README. */
    private record ReadmeBlocks(String text) {

        String block(String name) throws IOException {
            String marker = "<!-- walkthrough: " + name + " -->\n";
            int at = text.indexOf(marker);
            if (at < 0) {
                throw new IOException("README.md has no walkthrough block '" + name + "'");
            }
            int open = text.indexOf('\n', text.indexOf("```", at + marker.length())) + 1;
            int close = text.indexOf("\n```", open);
            return text.substring(open, close + 1);
        }
    }

}
