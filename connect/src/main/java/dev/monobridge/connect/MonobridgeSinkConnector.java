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

import dev.monobridge.capture.RootKeyRouting;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Monobridge as a Kafka Connect sink: Debezium's per-table topics in, the projections' documents in
 * MongoDB out. One connector per projection (or group of projections); more than one task only when its
 * topics are co-partitioned by the root key ({@link RootKeyRouting}, {@code topic.partitions} above 1):
 * otherwise two tasks would write the same documents. See docs/connect-sink.md.
 */
public final class MonobridgeSinkConnector extends SinkConnector {

    static final String TASKS_MAX = "tasks.max";
    static final String TOPICS_REGEX = "topics.regex";

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
        Optional<String> tasksProblem = projections.problems().isEmpty()
                ? splitProblem(connectorConfigs, projections.definitions()) : Optional.empty();
        if (tasksProblem.isEmpty()) {
            return config;
        }
        if (tasksProblem.get().startsWith(SinkSettings.TOPIC_PARTITIONS)) {
            // One task asked for, but state per partition: the problem is this connector's own setting.
            valueOf(config, SinkSettings.TOPIC_PARTITIONS).addErrorMessage(tasksProblem.get());
            return config;
        }
        // Connect validates tasks.max itself; this value adds why this connector cannot take that many.
        ConfigValue tasksMax = new ConfigValue(TASKS_MAX, connectorConfigs.get(TASKS_MAX), List.of(), new ArrayList<>());
        tasksMax.addErrorMessage(tasksProblem.get());
        List<ConfigValue> values = new ArrayList<>(config.configValues());
        values.add(tasksMax);
        return new Config(values);
    }

    @Override
    public void start(Map<String, String> props) {
        new SinkSettings(props);
        List<ProjectionDefinition> definitions = ProjectionsSetting.require(props);
        splitProblem(props, definitions).ifPresent(problem -> {
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
        // start() refused more than one task unless the topics are co-partitioned; a task beyond the partition
        // count would get no partition.
        int partitions = new SinkSettings(properties).topicPartitions();
        return java.util.Collections.nCopies(Math.max(1, Math.min(maxTasks, partitions)), properties);
    }

    @Override
    public void stop() {
        // Nothing runs in the connector itself: its task holds the projector.
    }

    /**
     * Why this configuration cannot run as it asks: more than one task, or state per partition, for
     * projections whose topics cannot be co-partitioned by root key, or more than one task over topics of
     * one partition. Empty when it can.
     */
    static Optional<String> splitProblem(Map<String, String> props, List<ProjectionDefinition> definitions) {
        int tasks;
        int partitions;
        try {
            tasks = props.get(TASKS_MAX) == null ? 1 : Integer.parseInt(props.get(TASKS_MAX).trim());
            partitions = props.get(SinkSettings.TOPIC_PARTITIONS) == null ? 1
                    : Integer.parseInt(props.get(SinkSettings.TOPIC_PARTITIONS).trim());
        } catch (NumberFormatException e) {
            // Connect's and the ConfigDef's own validation name a value that is not a number.
            return Optional.empty();
        }
        if (tasks <= 1 && partitions <= 1) {
            return Optional.empty();
        }
        RootKeyRouting routing = RootKeyRouting.of(definitions);
        if (!routing.splittable()) {
            return Optional.of((tasks > 1 ? "tasks.max is " + tasks : SinkSettings.TOPIC_PARTITIONS + " is " + partitions)
                    + ", but these projections cannot be split between tasks: " + String.join("; ", routing.reasons())
                    + ". Set tasks.max=1 and " + SinkSettings.TOPIC_PARTITIONS + "=1 (one partition per topic), and run one"
                    + " connector per projection to spread the work across workers.");
        }
        if (partitions <= 1) {
            return Optional.of("tasks.max is " + tasks + ", but " + SinkSettings.TOPIC_PARTITIONS + " is 1: more than one task"
                    + " needs the topics co-partitioned by root key. Route them with Debezium's PartitionRouting"
                    + " (monobridge connect-config prints it) and set " + SinkSettings.TOPIC_PARTITIONS
                    + " to its partition.topic.num.");
        }
        if (tasks > 1 && props.get(TOPICS_REGEX) != null && !props.get(TOPICS_REGEX).isBlank()) {
            // Each consumer matches a pattern against its own view of the topics: while a topic is being created,
            // two tasks can subscribe to different topics, and the RangeAssignor then gives partition i of one
            // topic to one task and of another to the other. A list is the same for every consumer.
            return Optional.of("tasks.max is " + tasks + ", but the topics are given as topics.regex: a sink split between"
                    + " tasks takes them as a list (topics), so that every task's consumer subscribes to the same topics and"
                    + " gets partition i of each (monobridge connect-config prints it)");
        }
        return Optional.empty();
    }

    private static ConfigValue valueOf(Config config, String key) {
        return config.configValues().stream().filter(v -> v.name().equals(key)).findFirst().orElseThrow();
    }
}
