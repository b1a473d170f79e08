package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.monobridge.connector.cli.MonobridgeCommand;
import picocli.CommandLine;

/** What {@code monobridge connect-config} prints is a sink configuration this connector accepts. */
class ConnectConfigOutputTest {

    @Test
    void theSinkThatConnectConfigPrintsPassesTheConnectorsValidation() throws Exception {
        Map<String, String> sink = sinkPrintedFor("racing-homepage");
        assertThat(sink.get("tasks.max")).isEqualTo("1");
        assertThat(problems(sink)).isEmpty();
    }

    @Test
    void theSplitSinkThatConnectConfigPrintsPassesTheConnectorsValidation() throws Exception {
        Map<String, String> sink = sinkPrintedFor("customer-bets");
        assertThat(sink.get("tasks.max")).isEqualTo("4");
        assertThat(sink.get(SinkSettings.TOPIC_PARTITIONS)).isEqualTo("4");
        assertThat(problems(sink)).isEmpty();
    }

    private static Map<String, String> sinkPrintedFor(String projection) throws Exception {
        StringWriter out = new StringWriter();
        CommandLine command = new CommandLine(new MonobridgeCommand());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(new StringWriter(), true));
        assertThat(command.execute("connect-config", "--config", "../config/bridge.yaml", projection)).isZero();

        JsonNode sink = new ObjectMapper().readTree(out.toString()).path("sink");
        Map<String, String> config = new ObjectMapper().convertValue(sink.path("config"), new TypeReference<Map<String, String>>() { });
        assertThat(config.get("connector.class")).isEqualTo(MonobridgeSinkConnector.class.getName());
        return config;
    }

    private static Map<String, Object> problems(Map<String, String> config) {
        Map<String, String> resolved = new HashMap<>(config);
        // As the worker's config provider would resolve a reference to the environment.
        resolved.computeIfPresent(SinkSettings.MONGODB_URI, (key, uri) -> uri.startsWith("${env:") ? "mongodb://localhost" : uri);

        Map<String, Object> problems = new HashMap<>();
        for (ConfigValue value : new MonobridgeSinkConnector().validate(resolved).configValues()) {
            if (!value.errorMessages().isEmpty()) {
                problems.put(value.name(), value.errorMessages());
            }
        }
        return problems;
    }
}
