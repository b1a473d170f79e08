package dev.monobridge.bench;

import dev.monobridge.connector.capture.DebeziumCapture;

/** Debezium's embedded engine, in this JVM, calling the pipeline's sink with each batch. */
final class EmbeddedFeed implements Feed {

    private final DebeziumCapture capture;

    EmbeddedFeed(DebeziumCapture capture) {
        this.capture = capture;
    }

    @Override
    public void start() {
        capture.start();
    }

    @Override
    public String failure() {
        return capture.isStopped() ? "the capture stopped: " + capture.failure() : null;
    }

    @Override
    public void close() {
        capture.close();
    }
}
