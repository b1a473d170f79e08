package dev.monobridge.bench;

import java.io.IOException;

import dev.monobridge.connector.demo.InProcessMongo;

/**
 * Runs the in-process MongoDB-compatible server in a JVM of its own, as a real MongoDB would run in a
 * process of its own: its memory and its garbage collections then do not count against the pipeline
 * being measured. Prints the connection string on the first line of standard output, and stops when
 * standard input closes (the benchmark closes it, or dies).
 */
public final class MongoServerMain {

    private MongoServerMain() {
    }

    public static void main(String[] args) throws IOException {
        try (InProcessMongo mongo = InProcessMongo.start()) {
            System.out.println(mongo.connectionString());
            System.out.flush();
            while (System.in.read() != -1) {
                // Nothing is ever sent: the stream only tells when the benchmark has gone.
            }
        }
    }
}
