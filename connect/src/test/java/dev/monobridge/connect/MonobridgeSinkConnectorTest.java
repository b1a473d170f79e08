package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class MonobridgeSinkConnectorTest {

    static final String PROJECTIONS = "../config/projections";

    private final MonobridgeSinkConnector connector = new MonobridgeSinkConnector();

    private static Map<String, String> valid() {
        Map<String, String> config = new HashMap<>();
        config.put(SinkSettings.MONGODB_URI, "mongodb://user:secret@localhost:27017");
        config.put(SinkSettings.MONGODB_DATABASE, "monobridge");
        config.put(SinkSettings.PROJECTIONS_DIRECTORY, PROJECTIONS);
        config.put("topics.regex", "monobridge\\.public\\..*");
        return config;
    }

    private Map<String, List<String>> problems(Map<String, String> config) {
        Map<String, List<String>> problems = new HashMap<>();
        for (ConfigValue value : connector.validate(config).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                problems.put(value.name(), value.errorMessages());
            }
        }
        return problems;
    }

    @Test
    void aValidConfigurationHasNoProblems() {
        assertThat(problems(valid())).isEmpty();
    }

    @Test
    void aBadInlineDefinitionComesBackWithItsFileAndLine() {
        Map<String, String> config = valid();
        config.remove(SinkSettings.PROJECTIONS_DIRECTORY);
        config.put(SinkSettings.PROJECTIONS_YAML, "name: homepage\nteam: web\ncollection: homepage\nversion: 1\nroot:\n"
                + "  table: public.meeting\n  key: id\n  colour: red\n  fields:\n    id: id\n");

        assertThat(problems(config)).containsOnlyKeys(SinkSettings.PROJECTIONS_YAML);
        assertThat(problems(config).get(SinkSettings.PROJECTIONS_YAML)).anySatisfy(problem ->
                assertThat(problem).startsWith("projections.yaml:8: ").contains("colour"));
    }

    @Test
    void aMissingProjectionsDirectoryIsNamed() {
        Map<String, String> config = valid();
        config.put(SinkSettings.PROJECTIONS_DIRECTORY, "no/such/directory");

        assertThat(problems(config).get(SinkSettings.PROJECTIONS_DIRECTORY))
                .singleElement().asString().startsWith("no/such/directory: ");
    }

    @Test
    void bothOrNeitherWayOfGivingTheDefinitionsIsRefused() {
        Map<String, String> both = valid();
        both.put(SinkSettings.PROJECTIONS_YAML, "name: x");
        Map<String, String> neither = valid();
        neither.remove(SinkSettings.PROJECTIONS_DIRECTORY);

        assertThat(problems(both).get(SinkSettings.PROJECTIONS_DIRECTORY)).singleElement().asString().contains("not both");
        assertThat(problems(neither).get(SinkSettings.PROJECTIONS_DIRECTORY)).singleElement().asString()
                .contains(SinkSettings.PROJECTIONS_DIRECTORY).contains(SinkSettings.PROJECTIONS_YAML);
    }

    @Test
    void theRequiredMongoSettingsAreNamedWhenMissing() {
        Map<String, String> config = valid();
        config.remove(SinkSettings.MONGODB_URI);
        config.remove(SinkSettings.MONGODB_DATABASE);

        assertThat(problems(config)).containsOnlyKeys(SinkSettings.MONGODB_URI, SinkSettings.MONGODB_DATABASE);
    }

    @Test
    void aMalformedMongoUriIsNamedWithoutShowingTheSecret() {
        Map<String, String> config = valid();
        config.put(SinkSettings.MONGODB_URI, "mongo://user:s3cret@localhost");

        assertThat(problems(config).get(SinkSettings.MONGODB_URI)).singleElement().asString()
                .contains("not a MongoDB connection string").doesNotContain("s3cret");
    }

    @Test
    void theMongoUriIsAPasswordSoThatConnectMasksIt() {
        assertThat(SinkSettings.DEFINITION.configKeys().get(SinkSettings.MONGODB_URI).type)
                .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
    }

    @Test
    void aDatabaseNameMongoRefusesIsNamed() {
        Map<String, String> config = valid();
        config.put(SinkSettings.MONGODB_DATABASE, "mono.bridge");

        assertThat(problems(config).get(SinkSettings.MONGODB_DATABASE)).singleElement().asString().contains("'.'");
    }

    @Test
    void anUnknownSourceTypeIsNamed() {
        Map<String, String> config = valid();
        config.put(SinkSettings.SOURCE_TYPE, "oracle");

        assertThat(problems(config)).containsOnlyKeys(SinkSettings.SOURCE_TYPE);
    }

    /** The demo's customer-bets only, inline: a projection whose topics can be co-partitioned by root key. */
    private static Map<String, String> customerBets() throws java.io.IOException {
        Map<String, String> config = valid();
        config.remove(SinkSettings.PROJECTIONS_DIRECTORY);
        config.put(SinkSettings.PROJECTIONS_YAML, java.nio.file.Files.readString(java.nio.file.Path.of(PROJECTIONS, "customer-bets.yaml")));
        return config;
    }

    @Test
    void moreThanOneTaskForProjectionsThatCannotBeSplitIsRefusedWithTheReasonInValidationAndAtStart() {
        Map<String, String> config = valid();
        config.put("tasks.max", "2");
        config.put(SinkSettings.TOPIC_PARTITIONS, "2");

        assertThat(problems(config).get("tasks.max")).singleElement().asString()
                .contains("cannot be split between tasks")
                .contains("event-page.yaml:").contains("public.selection sits below public.market")
                .contains("tasks.max=1");
        assertThatThrownBy(() -> connector.start(config)).isInstanceOf(ConnectException.class)
                .hasMessageContaining("tasks.max is 2");
    }

    @Test
    void statePerPartitionForProjectionsThatCannotBeSplitIsRefused() {
        Map<String, String> config = valid();
        config.put(SinkSettings.TOPIC_PARTITIONS, "4");

        assertThat(problems(config)).containsOnlyKeys(SinkSettings.TOPIC_PARTITIONS);
        assertThat(problems(config).get(SinkSettings.TOPIC_PARTITIONS)).singleElement().asString()
                .startsWith("topic.partitions is 4, but these projections cannot be split");
        assertThatThrownBy(() -> connector.start(config)).isInstanceOf(ConnectException.class);
    }

    @Test
    void moreThanOneTaskOverTopicsOfOnePartitionIsRefused() throws java.io.IOException {
        Map<String, String> config = customerBets();
        config.put("tasks.max", "2");

        assertThat(problems(config).get("tasks.max")).singleElement().asString()
                .contains("topic.partitions is 1").contains("PartitionRouting");
        assertThatThrownBy(() -> connector.start(config)).isInstanceOf(ConnectException.class);
    }

    @Test
    void aSinkSplitBetweenTasksTakesItsTopicsAsAListNotAPattern() throws java.io.IOException {
        Map<String, String> config = customerBets();
        config.put("tasks.max", "2");
        config.put(SinkSettings.TOPIC_PARTITIONS, "2");

        assertThat(problems(config).get("tasks.max")).singleElement().asString()
                .contains("topics.regex").contains("as a list (topics)");
        assertThatThrownBy(() -> connector.start(config)).isInstanceOf(ConnectException.class);
    }

    @Test
    void aProjectionOverTopicsCoPartitionedByRootKeyRunsATaskPerPartitionAtMost() throws java.io.IOException {
        Map<String, String> config = customerBets();
        config.remove("topics.regex");
        config.put("topics", "monobridge.public.customer,monobridge.public.bet");
        config.put("tasks.max", "4");
        config.put(SinkSettings.TOPIC_PARTITIONS, "2");

        assertThat(problems(config)).isEmpty();
        connector.start(config);
        assertThat(connector.taskConfigs(4)).hasSize(2).containsOnly(config);
        assertThat(connector.taskConfigs(1)).hasSize(1);
    }

    @Test
    void oneTaskGetsTheConnectorsSettings() {
        Map<String, String> config = valid();
        config.put("tasks.max", "1");
        connector.start(config);

        assertThat(connector.taskConfigs(1)).containsExactly(config);
        assertThat(connector.taskClass()).isEqualTo(MonobridgeSinkTask.class);
    }
}
