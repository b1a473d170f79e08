package dev.monobridge.projector.testing;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-process server that speaks MongoDB's wire protocol, reached through the official driver, so
 * that tests exercise the same code path as production. One per test class, registered as an extension
 * ({@code @RegisterExtension static final InProcessMongo mongo = InProcessMongo.start();}) so that it is
 * closed after the class's last test; each test takes a
 * {@link #freshDatabase(String) fresh database}, so tests never see each other's documents.
 *
 * <p>The server announces MongoDB 5.0, the oldest version the project supports ({@link AnnouncedMongoVersion}).
 *
 * <p>No {@code ServerApi} is set on the client: mongo-java-server never completes the handshake with
 * one (see shared/ENVIRONMENT.md).
 */
public final class InProcessMongo implements AutoCloseable, AfterAllCallback {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final MongoServer server;
    private final MongoClient client;

    private InProcessMongo(MongoServer server, MongoClient client) {
        this.server = server;
        this.client = client;
    }

    public static InProcessMongo start(CommandListener... listeners) {
        MongoServer server = new MongoServer(new MemoryBackend().version(AnnouncedMongoVersion.MONGO_5_0));
        InetSocketAddress address = server.bind();
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + address.getPort()));
        for (CommandListener listener : listeners) {
            settings.addCommandListener(listener);
        }
        return new InProcessMongo(server, MongoClients.create(settings.build()));
    }

    /** A database no other test has used; the hint makes it recognisable in logs. */
    public MongoDatabase freshDatabase(String hint) {
        String safe = hint.replaceAll("[^A-Za-z0-9_]", "_");
        String name = "t" + DATABASES.incrementAndGet() + "_" + safe;
        return client.getDatabase(name.length() > 60 ? name.substring(0, 60) : name);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
