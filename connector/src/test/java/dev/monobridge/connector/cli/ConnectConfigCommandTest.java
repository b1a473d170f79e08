package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class ConnectConfigCommandTest {

    private static final String BRIDGE_YAML = "../config/bridge.yaml";

    @Test
    void itPrintsTheSourceForEveryProjectedTableAndTheSinkForTheProjectionWithNoSecretInThem() throws Exception {
        CommandRun.Result run = CommandRun.run("connect-config", "--config", BRIDGE_YAML, "racing-homepage");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode connectors = new ObjectMapper().readTree(run.out());
        JsonNode source = connectors.path("source").path("config");
        JsonNode sink = connectors.path("sink").path("config");
        assertThat(connectors.path("source").path("name").asText()).isEqualTo("monobridge-source-monobridge");
        assertThat(source.path("connector.class").asText()).isEqualTo("io.debezium.connector.postgresql.PostgresConnector");
        assertThat(source.path("database.password").asText()).isEqualTo("${env:MONOBRIDGE_SOURCE_PASSWORD}");
        // Every projection's tables, so that one slot serves every sink.
        assertThat(source.path("table.include.list").asText()).contains("public.meeting", "public.bet");
        assertThat(source.path("topic.prefix").asText()).isEqualTo("monobridge");
        assertThat(source.path("decimal.handling.mode").asText()).isEqualTo("string");
        assertThat(source.path("skipped.operations").asText()).isEqualTo("none");

        assertThat(connectors.path("sink").path("name").asText()).isEqualTo("monobridge-racing-homepage");
        assertThat(sink.path("connector.class").asText()).isEqualTo(ConnectConfigCommand.SINK_CLASS);
        assertThat(sink.path("tasks.max").asText()).isEqualTo("1");
        assertThat(sink.path("topics.regex").asText()).isEqualTo("monobridge\\.(public\\.meeting|public\\.race|public\\.runner)");
        assertThat(sink.path("projections.yaml").asText()).contains("name: racing-homepage");
        assertThat(sink.path("mongodb.uri").asText()).isIn("mongodb://localhost:27017", "${env:MONOBRIDGE_MONGO_URI}");
        assertThat(run.err()).contains("one task for racing-homepage").contains("config.providers=env,dir");
        assertThat(run.hasStackTrace()).isFalse();
    }

    @Test
    void aProjectionThatCannotBeSplitGetsOneTaskAndTheReason() throws Exception {
        CommandRun.Result run = CommandRun.run("connect-config", "--config", BRIDGE_YAML, "event-page");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode sink = new ObjectMapper().readTree(run.out()).path("sink").path("config");
        assertThat(sink.path("tasks.max").asText()).isEqualTo("1");
        assertThat(sink.has("topic.partitions")).isFalse();
        assertThat(run.err()).contains("one task for event-page: ")
                .contains("event-page.yaml:").contains("public.selection sits below public.market and holds only market_id");
    }

    @Test
    void aProjectionThatCanBeSplitGetsItsTopicsRoutedByRootKeyAndATaskPerPartition() throws Exception {
        CommandRun.Result run = CommandRun.run("connect-config", "--config", BRIDGE_YAML, "--partitions", "3", "customer-bets");

        assertThat(run.exitCode()).as(run.all()).isZero();
        JsonNode connectors = new ObjectMapper().readTree(run.out());
        JsonNode source = connectors.path("source").path("config");
        JsonNode sink = connectors.path("sink").path("config");
        assertThat(source.path("transforms").asText()).isEqualTo("rootKey_public_bet,rootKey_public_customer");
        assertThat(source.path("transforms.rootKey_public_bet.type").asText()).isEqualTo("io.debezium.transforms.partitions.PartitionRouting");
        assertThat(source.path("transforms.rootKey_public_bet.partition.payload.fields").asText()).isEqualTo("change.customer_id");
        assertThat(source.path("transforms.rootKey_public_bet.partition.topic.num").asText()).isEqualTo("3");
        assertThat(source.path("predicates.topic_public_bet.pattern").asText()).isEqualTo("monobridge\\.public\\.bet");
        assertThat(source.path("topic.creation.rootKeyRouted.partitions").asText()).isEqualTo("3");
        assertThat(source.path("topic.creation.default.partitions").asText()).isEqualTo("1");
        assertThat(sink.path("tasks.max").asText()).isEqualTo("3");
        assertThat(sink.path("topics").asText()).isEqualTo("monobridge.public.bet,monobridge.public.customer");
        assertThat(sink.has("topics.regex")).isFalse();
        assertThat(sink.path("topic.partitions").asText()).isEqualTo("3");
        assertThat(sink.path("consumer.override.partition.assignment.strategy").asText())
                .isEqualTo("org.apache.kafka.clients.consumer.RangeAssignor");
        assertThat(sink.path("consumer.override.group.protocol").asText()).isEqualTo("classic");
        assertThat(run.err()).contains("customer-bets is split into 3 tasks")
                .contains("alter table public.bet replica identity full;");
    }

    @Test
    void theSourceIsTheSameWhicheverProjectionIsAskedFor() throws Exception {
        JsonNode racing = new ObjectMapper().readTree(CommandRun.run("connect-config", "--config", BRIDGE_YAML, "racing-homepage").out());
        JsonNode bets = new ObjectMapper().readTree(CommandRun.run("connect-config", "--config", BRIDGE_YAML, "customer-bets").out());

        assertThat(racing.path("source")).isEqualTo(bets.path("source"));
        assertThat(racing.path("source").path("config").path("transforms.rootKey_public_customer.partition.topic.num").asText())
                .isEqualTo(Integer.toString(ConnectConfigCommand.DEFAULT_PARTITIONS));
    }

    @Test
    void fewerThanTwoPartitionsAreRefused() {
        CommandRun.Result run = CommandRun.run("connect-config", "--config", BRIDGE_YAML, "--partitions", "1", "customer-bets");

        assertThat(run.exitCode()).isEqualTo(ErrorHandler.CONFIG_ERROR);
        assertThat(run.err()).contains("--partitions must be at least 2");
        assertThat(run.hasStackTrace()).isFalse();
    }

    @Test
    void anUnknownProjectionIsNamedWithThoseThatExist() {
        CommandRun.Result run = CommandRun.run("connect-config", "--config", BRIDGE_YAML, "racing-hompage");

        assertThat(run.exitCode()).isEqualTo(ErrorHandler.CONFIG_ERROR);
        assertThat(run.err()).contains("no projection named 'racing-hompage'").contains("racing-homepage");
        assertThat(run.hasStackTrace()).isFalse();
    }
}
