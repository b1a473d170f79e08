package dev.monobridge.bench.connect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

import dev.monobridge.bench.Feed;
import dev.monobridge.bench.measure.MeasuringSink;

/**
 * A run's connectors on the cluster: the sinks first (their tasks find the measuring sink by their
 * connector's name), then the source. Closing deletes them all and waits until they are gone, so that
 * the source's replication slot is released.
 */
final class ConnectFeed implements Feed {

    private static final Duration DELETED = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);

    private final EmbeddedConnectCluster cluster;
    private final String sourceName;
    private final Map<String, String> source;
    private final Map<String, Map<String, String>> sinks;
    private final MeasuringSink measuring;

    ConnectFeed(EmbeddedConnectCluster cluster, String sourceName, Map<String, String> source, Map<String, Map<String, String>> sinks,
                MeasuringSink measuring) {
        this.cluster = cluster;
        this.sourceName = sourceName;
        this.source = source;
        this.sinks = sinks;
        this.measuring = measuring;
    }

    @Override
    public void start() {
        sinks.forEach((name, config) -> {
            Acknowledgements.register(name, measuring);
            cluster.configureConnector(name, config);
        });
        cluster.configureConnector(sourceName, source);
    }

    @Override
    public String failure() {
        List<String> failures = new ArrayList<>();
        for (String connector : connectors()) {
            ConnectorStateInfo status;
            try {
                status = cluster.connectorStatus(connector);
            } catch (RuntimeException e) {
                // Not yet known to the worker: it is still being created.
                continue;
            }
            if ("FAILED".equals(status.connector().state())) {
                failures.add(connector + " failed: " + firstLine(status.connector().trace()));
            }
            for (ConnectorStateInfo.TaskState task : status.tasks()) {
                if ("FAILED".equals(task.state())) {
                    failures.add(connector + " task " + task.id() + " failed: " + firstLine(task.trace()));
                }
            }
        }
        return failures.isEmpty() ? null : String.join("; ", failures);
    }

    private List<String> connectors() {
        List<String> connectors = new ArrayList<>(sinks.keySet());
        connectors.add(sourceName);
        return connectors;
    }

    private static String firstLine(String trace) {
        return trace == null ? "(no trace)" : trace.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        for (String connector : connectors()) {
            try {
                cluster.deleteConnector(connector);
            } catch (RuntimeException e) {
                // Never created (the run failed before): nothing to delete.
            }
        }
        long deadline = System.nanoTime() + DELETED.toNanos();
        while (connectors().stream().anyMatch(cluster.connectors()::contains) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(POLL.toNanos());
        }
        sinks.keySet().forEach(Acknowledgements::forget);
    }
}
