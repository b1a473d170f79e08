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
    void anUnknownProjectionIsNamedWithThoseThatExist() {
        CommandRun.Result run = CommandRun.run("connect-config", "--config", BRIDGE_YAML, "racing-hompage");

        assertThat(run.exitCode()).isEqualTo(ErrorHandler.CONFIG_ERROR);
        assertThat(run.err()).contains("no projection named 'racing-hompage'").contains("racing-homepage");
        assertThat(run.hasStackTrace()).isFalse();
    }
}
