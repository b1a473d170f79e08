package dev.monobridge.bench.connect;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.monobridge.bench.measure.MeasuringSink;

/**
 * Where a measured sink task, which Connect builds by reflection, finds the run's measuring sink: by
 * its connector's name. The Connect workers run in the benchmark's JVM, so a map is all it takes.
 */
final class Acknowledgements {

    private static final Map<String, MeasuringSink> BY_CONNECTOR = new ConcurrentHashMap<>();

    private Acknowledgements() {
    }

    static void register(String connector, MeasuringSink sink) {
        BY_CONNECTOR.put(connector, sink);
    }

    static void forget(String connector) {
        BY_CONNECTOR.remove(connector);
    }

    static MeasuringSink of(String connector) {
        MeasuringSink sink = BY_CONNECTOR.get(connector);
        if (sink == null) {
            throw new IllegalStateException("no benchmark run registered for the sink connector '" + connector + "'");
        }
        return sink;
    }
}
