package dev.monobridge.connect;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * The Monobridge sink connector, unchanged, with tasks that count every record Connect hands them
 * ({@link CountingSinkTask}), so that a test can say how many were delivered twice.
 */
public final class CountingSinkConnector extends SinkConnector {

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
        return CountingSinkTask.class;
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
