package dev.monobridge.query;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.bson.BsonDocument;
import org.bson.BsonInt32;

import com.mongodb.client.MongoDatabase;

/**
 * Whether MongoDB answers a ping within a short time. The driver waits up to 30 s to select a server;
 * a readiness probe must answer sooner, so the ping runs on its own thread, and concurrent probes share
 * the one in flight rather than pile up behind an unreachable server.
 */
public final class MongoPing implements AutoCloseable {

    private final MongoDatabase database;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "monobridge-http-ping");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Void> inFlight;

    public MongoPing(MongoDatabase database) {
        this.database = database;
    }

    /** Empty when MongoDB answered in time; otherwise why not. */
    public Optional<String> check(Duration timeout) {
        try {
            ping().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            return Optional.of("MongoDB did not answer a ping within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return Optional.of("MongoDB is unreachable: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while pinging MongoDB");
        }
    }

    private synchronized CompletableFuture<Void> ping() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = CompletableFuture.runAsync(() -> database.runCommand(new BsonDocument("ping", new BsonInt32(1))), executor);
        }
        return inFlight;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
