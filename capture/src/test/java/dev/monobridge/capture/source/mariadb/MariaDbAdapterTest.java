package dev.monobridge.capture.source.mariadb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.monobridge.capture.source.SourceHeartbeat;

class MariaDbAdapterTest {

    private static final Path OFFSETS = Path.of("/var/lib/monobridge/offsets.dat");

    private final Properties properties = new MariaDbAdapter(new MariaDbSource("db.example", 3306, "shop", "bridge", "secret", 5401,
            "initial", List.of("shop.orders", "crm.customers"), Duration.ofMillis(50), 2048, MariaDbSource.schemaHistoryBeside(OFFSETS),
            new SourceHeartbeat(Duration.ofSeconds(5), "")))
            .connectorProperties();

    @Test
    void theSchemaHistoryIsAFileBesideTheOffsetsSoThatARestartNeedsNoSnapshot() {
        assertThat(properties.getProperty("schema.history.internal")).isEqualTo("io.debezium.storage.file.history.FileSchemaHistory");
        assertThat(properties.getProperty("schema.history.internal.file.filename")).isEqualTo("/var/lib/monobridge/offsets.dat.schema-history");
    }

    @Test
    void everyCapturedTablesDatabaseIsIncludedAndEachTableByItsExactName() {
        assertThat(properties.getProperty("database.include.list")).isEqualTo("crm,shop");
        assertThat(properties.getProperty("table.include.list")).isEqualTo("shop\\.orders,crm\\.customers");
    }

    @Test
    void unsignedBigintsAreExactAndTinyintOneIsABoolean() {
        assertThat(properties.getProperty("bigint.unsigned.handling.mode")).isEqualTo("precise");
        assertThat(properties.getProperty("boolean.type")).isEqualTo("io.debezium.connector.binlog.converters.TinyIntOneToBooleanConverter");
        assertThat(properties.getProperty("database.server.id")).isEqualTo("5401");
    }

    @Test
    void thePasswordStaysOutOfTheAdaptersText() {
        assertThat(new MariaDbAdapter(new MariaDbSource("db.example", 3306, "shop", "bridge", "secret", 5401, "initial", List.of(),
                Duration.ofMillis(50), 2048, MariaDbSource.schemaHistoryBeside(OFFSETS), SourceHeartbeat.OFF)).toString()).doesNotContain("secret");
    }
}
