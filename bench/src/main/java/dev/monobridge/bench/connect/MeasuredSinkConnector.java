package dev.monobridge.bench.connect;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import dev.monobridge.connect.MonobridgeSinkConnector;

/**
 * The Monobridge sink connector, unchanged, but with tasks that tell the benchmark when MongoDB has
 * acknowledged a batch ({@link MeasuredSinkTask}). Everything else, validation, the tasks.max check
 * and the task configurations included, is the real connector's.
 */
public final class MeasuredSinkConnector extends SinkConnector {

    private final MonobridgeSinkConnector delegate = new MonobridgeSinkConnector();

    @Override
    public String version() {
        return delegate.version();
    }

    @Override
    public ConfigDef config() {
        return delegate.config();
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return delegate.validate(connectorConfigs);
    }

    @Override
    public void start(Map<String, String> props) {
        delegate.start(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MeasuredSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return delegate.taskConfigs(maxTasks);
    }

    @Override
    public void stop() {
        delegate.stop();
    }
}
