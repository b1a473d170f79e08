package dev.monobridge.connector.demo;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/**
 * An in-process server that speaks MongoDB's wire protocol, keeping its data in memory, for the demo
 * and the tests: no MongoDB server binary can be installed on the build machines.
 *
 * <p>It announces MongoDB 5.0 ({@link AnnouncedMongoVersion}), so that the current official shell,
 * {@code mongosh} 2.x, connects to it as well as the Java driver does.
 *
 * <p>Clients connect with the official driver to {@link #connectionString()}. Build the client without
 * a {@code ServerApi}: with {@code ServerApi(V1)} the driver never connects to this server. The server
 * lacks some of MongoDB's features (transactions, pipeline updates, the 16 MiB limit); code must not
 * depend on them, nor on its differences.
 *
 * <p>Lifecycle: {@link #start} binds to a free port on 127.0.0.1; {@link #close} shuts the server down.
 * Its threads keep the JVM alive until then, so always close it.
 */
public final class InProcessMongo implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final MongoServer server;
    private final int port;

    private InProcessMongo(MongoServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a server with an empty in-memory backend on a free port of the loopback interface. */
    public static InProcessMongo start() {
        MongoServer server = new MongoServer(new MemoryBackend().version(AnnouncedMongoVersion.MONGO_5_0));
        try {
            // Port 0: the operating system picks a free one, so parallel tests never collide.
            server.bind(HOST, 0);
            InetSocketAddress address = server.getLocalAddress();
            return new InProcessMongo(server, address.getPort());
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw e;
        }
    }

    /** {@code mongodb://127.0.0.1:PORT}, for {@code MongoClients.create}. */
    public String connectionString() {
        return "mongodb://" + HOST + ":" + port;
    }

    /** Closes client connections and stops the server's threads, so that the JVM can exit. */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
