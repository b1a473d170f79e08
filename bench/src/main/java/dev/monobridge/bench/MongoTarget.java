package dev.monobridge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

import dev.monobridge.bench.measure.CommandMeter;
import dev.monobridge.connector.demo.InProcessMongo;

/**
 * The MongoDB the pipelines write to: a real one (a URI), the in-process server in a JVM of its own
 * (the default), or the in-process server inside the benchmark's JVM (quicker to start, but its memory
 * then counts in the measured heap).
 *
 * <p>Lifecycle: one of the factory methods, then {@link #close()} once, after every client is closed.
 */
final class MongoTarget implements AutoCloseable {

    private final String connectionString;
    private final String description;
    private final InProcessMongo inProcess;
    private final Process process;

    private MongoTarget(String connectionString, String description, InProcessMongo inProcess, Process process) {
        this.connectionString = connectionString;
        this.description = description;
        this.inProcess = inProcess;
        this.process = process;
    }

    static MongoTarget uri(String uri) {
        return new MongoTarget(uri, "MongoDB at the given URI", null, null);
    }

    static MongoTarget inThisJvm() {
        InProcessMongo mongo = InProcessMongo.start();
        return new MongoTarget(mongo.connectionString(), "in-process MongoDB-compatible server (mongo-java-server, memory backend) in the benchmark's JVM", mongo, null);
    }

    static MongoTarget inChildJvm(String heap) {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx" + heap,
                "-cp", System.getProperty("java.class.path"), MongoServerMain.class.getName());
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            // The JVM may print first (JAVA_TOOL_OPTIONS, a flight recording starting): skip to the URI.
            String uri = out.readLine();
            while (uri != null && !uri.startsWith("mongodb://")) {
                uri = out.readLine();
            }
            if (uri == null || !uri.startsWith("mongodb://")) {
                process.destroyForcibly();
                throw new IllegalStateException("the MongoDB server process did not start (it printed " + uri + ")");
            }
            return new MongoTarget(uri, "in-process MongoDB-compatible server (mongo-java-server, memory backend) in its own JVM (-Xmx" + heap + ")",
                    null, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the MongoDB server process", e);
        }
    }

    /** The MongoDB server's process when it runs apart from this JVM on this machine, else -1. */
    long serverPid() {
        return process == null ? -1 : process.pid();
    }

    /** Its connection string, for a client the benchmark does not build itself (a Connect sink task's). */
    String uri() {
        return connectionString;
    }

    String description() {
        return description;
    }

    /** A new client; with a meter, every command it sends is counted. */
    MongoClient client(CommandMeter meter, String applicationName) {
        MongoClientSettings.Builder settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .applicationName(applicationName);
        if (meter != null) {
            settings.addCommandListener(meter);
        }
        return MongoClients.create(settings.build());
    }

    @Override
    public void close() {
        if (inProcess != null) {
            inProcess.close();
        }
        if (process != null) {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
