package dev.monobridge.connector.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.bson.Document;
import org.junit.jupiter.api.Test;

class InProcessMongoTest {

    @Test
    void acceptsAWriteAndAReadThroughTheOfficialDriver() {
        try (InProcessMongo mongo = InProcessMongo.start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> races = client.getDatabase("demo").getCollection("races");

            races.insertOne(new Document("_id", 7L).append("name", "Sky Bet Handicap"));
            races.updateOne(Filters.eq("_id", 7L), Updates.set("runners.r1.price", "4.50"));

            Document read = races.find(Filters.eq("_id", 7L)).first();
            assertThat(read).isNotNull();
            assertThat(read.getString("name")).isEqualTo("Sky Bet Handicap");
            assertThat(read.get("runners", Document.class).get("r1", Document.class).getString("price"))
                    .isEqualTo("4.50");
        }
    }

    @Test
    void announcesMongoDb50WithItsWireVersionSoThatTheCurrentShellConnects() {
        try (InProcessMongo mongo = InProcessMongo.start();
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoDatabase admin = client.getDatabase("admin");

            // mongosh 2.x refuses servers below wire version 9 (MongoDB 4.4); 13 is MongoDB 5.0's.
            assertThat(admin.runCommand(new Document("isMaster", 1)).getInteger("maxWireVersion")).isEqualTo(13);
            assertThat(admin.runCommand(new Document("buildInfo", 1)).getString("version")).isEqualTo("5.0.0");
        }
    }

    @Test
    void listensOnTheLoopbackInterfaceOnAFreePort() {
        try (InProcessMongo first = InProcessMongo.start(); InProcessMongo second = InProcessMongo.start()) {
            URI uri = URI.create(first.connectionString());

            assertThat(uri.getScheme()).isEqualTo("mongodb");
            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(uri.getPort()).isPositive();
            assertThat(second.connectionString()).isNotEqualTo(first.connectionString());
        }
    }

    @Test
    void closeStopsAcceptingConnections() {
        InProcessMongo mongo = InProcessMongo.start();
        int port = URI.create(mongo.connectionString()).getPort();

        mongo.close();

        assertThatThrownBy(() -> {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(IOException.class);
    }
}
