package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.config.BridgeConfigReader;

/** What bridge.yaml's heartbeat settings become in the Debezium connector's properties, for each source. */
class SourceHeartbeatSettingsTest {

    private static final String SOURCE = "source:\n  database: legacy\n  user: bridge\n";

    @TempDir
    Path directory;

    @Test
    void postgresqlBeatsEveryTenSecondsWithALogicalDecodingMessageByDefault() throws IOException {
        Properties p = connectorProperties(SOURCE);

        assertThat(p.getProperty("heartbeat.interval.ms")).isEqualTo("10000");
        assertThat(p.getProperty("heartbeat.action.query")).isEqualTo("select pg_logical_emit_message(false, 'monobridge-heartbeat', '')");
        assertThat(p.getProperty("message.prefix.exclude.list")).as("read for their position, never emitted as records")
                .isEqualTo("monobridge-heartbeat");
    }

    @Test
    void mariadbBeatsWithoutAStatementByDefault() throws IOException {
        Properties p = connectorProperties("source:\n  type: mariadb\n  database: legacy\n  user: bridge\n");

        assertThat(p.getProperty("heartbeat.interval.ms")).isEqualTo("10000");
        assertThat(p).doesNotContainKey("heartbeat.action.query");
    }

    @Test
    void anEmptyStatementTurnsTheStatementOffAndKeepsTheHeartbeats() throws IOException {
        Properties p = connectorProperties(SOURCE + "  heartbeat-interval-ms: 2500\n  heartbeat-action-query: \"\"\n");

        assertThat(p.getProperty("heartbeat.interval.ms")).isEqualTo("2500");
        assertThat(p).doesNotContainKey("heartbeat.action.query");
    }

    @Test
    void aZeroIntervalTurnsHeartbeatsOff() throws IOException {
        Properties p = connectorProperties(SOURCE + "  heartbeat-interval-ms: 0\n");

        assertThat(p).doesNotContainKeys("heartbeat.interval.ms", "heartbeat.action.query");
    }

    @Test
    void aStatementOfOnesOwnIsRunAsGiven() throws IOException {
        Properties p = connectorProperties(SOURCE + "  heartbeat-action-query: update monobridge_heartbeat set at = now()\n");

        assertThat(p.getProperty("heartbeat.action.query")).isEqualTo("update monobridge_heartbeat set at = now()");
    }

    private Properties connectorProperties(String yaml) throws IOException {
        Path file = directory.resolve("bridge.yaml");
        Files.writeString(file, yaml);
        return BridgeOptionsFactory.source(new BridgeConfigReader().read(file), List.of(), "secret").connectorProperties();
    }
}
