package dev.monobridge.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Monobridge as a Kafka Connect sink: Debezium's per-table topics in, the projections' documents in
 * MongoDB out. One connector per projection (or group of projections), with one task for now: topics
 * that are not co-partitioned by the root key cannot be split between tasks without two tasks writing
 * the same documents. See docs/connect-sink.md.
 */
public final class MonobridgeSinkConnector extends SinkConnector {

    static final String TASKS_MAX = "tasks.max";

    /** One task until root-key co-partitioning is built: every root's rows must reach the same task. */
    static final int MAX_TASKS = 1;

    private Map<String, String> properties;

    @Override
    public String version() {
        return Version.of();
    }

    @Override
    public ConfigDef config() {
        return SinkSettings.DEFINITION;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        ProjectionsSetting.Outcome projections = ProjectionsSetting.read(connectorConfigs);
        if (!projections.problems().isEmpty()) {
            String key = connectorConfigs.containsKey(SinkSettings.PROJECTIONS_YAML)
                    && !connectorConfigs.containsKey(SinkSettings.PROJECTIONS_DIRECTORY)
                    ? SinkSettings.PROJECTIONS_YAML : SinkSettings.PROJECTIONS_DIRECTORY;
            ConfigValue value = valueOf(config, key);
            projections.problems().forEach(value::addErrorMessage);
        }
        Optional<String> tasksProblem = tasksMaxProblem(connectorConfigs.get(TASKS_MAX));
        if (tasksProblem.isEmpty()) {
            return config;
        }
        // Connect validates tasks.max itself; this value adds why this connector takes one task only.
        ConfigValue tasksMax = new ConfigValue(TASKS_MAX, connectorConfigs.get(TASKS_MAX), List.of(), new ArrayList<>());
        tasksMax.addErrorMessage(tasksProblem.get());
        List<ConfigValue> values = new ArrayList<>(config.configValues());
        values.add(tasksMax);
        return new Config(values);
    }

    @Override
    public void start(Map<String, String> props) {
        new SinkSettings(props);
        ProjectionsSetting.require(props);
        tasksMaxProblem(props.get(TASKS_MAX)).ifPresent(problem -> {
            throw new ConnectException(problem);
        });
        this.properties = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return MonobridgeSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        // Connect has checked tasks.max against start(); one task whatever it allows.
        return List.of(properties);
    }

    @Override
    public void stop() {
        // Nothing runs in the connector itself: its task holds the projector.
    }

    static Optional<String> tasksMaxProblem(String tasksMax) {
        int tasks;
        try {
            tasks = tasksMax == null ? 1 : Integer.parseInt(tasksMax.trim());
        } catch (NumberFormatException e) {
            // Connect's own validation names a tasks.max that is not a number.
            return Optional.empty();
        }
        if (tasks <= MAX_TASKS) {
            return Optional.empty();
        }
        return Optional.of("tasks.max is " + tasks + ", but a Monobridge sink runs one task for now: its topics "
                + "are not co-partitioned by the projections' root keys, and two tasks would write the same documents. "
                + "Set tasks.max=1, and run one connector per projection to spread the work across workers.");
    }

    private static ConfigValue valueOf(Config config, String key) {
        return config.configValues().stream().filter(v -> v.name().equals(key)).findFirst().orElseThrow();
    }
}
