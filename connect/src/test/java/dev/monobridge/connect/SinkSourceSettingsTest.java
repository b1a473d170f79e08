package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The sink's optional connection to the source, for rebuilds and repairs. */
class SinkSourceSettingsTest {

    private static Map<String, String> valid() {
        Map<String, String> config = new HashMap<>();
        config.put(SinkSettings.MONGODB_URI, "mongodb://localhost:27017");
        config.put(SinkSettings.MONGODB_DATABASE, "monobridge");
        config.put(SinkSettings.PROJECTIONS_DIRECTORY, MonobridgeSinkConnectorTest.PROJECTIONS);
        return config;
    }

    /** A source connection as the settings make it from a URL, for the admin's tests. */
    SinkSettings.SourceConnection connection(String url) {
        Map<String, String> config = valid();
        config.put(SinkSettings.SOURCE_JDBC_URL, url);
        return new SinkSettings(config).sourceConnection().orElseThrow();
    }

    @Test
    void withoutASourceUrlTheSinkHasNoSourceConnection() {
        assertThat(new SinkSettings(valid()).sourceConnection()).isEmpty();
    }

    @Test
    void theSourceUrlUserAndPasswordMakeTheConnectionAndThePasswordIsAPasswordForConnectToMask() {
        Map<String, String> config = valid();
        config.put(SinkSettings.SOURCE_JDBC_URL, "jdbc:postgresql://db:5432/legacy");
        config.put(SinkSettings.SOURCE_JDBC_USER, "monobridge");
        config.put(SinkSettings.SOURCE_JDBC_PASSWORD, "s3cret");

        SinkSettings.SourceConnection connection = new SinkSettings(config).sourceConnection().orElseThrow();

        assertThat(connection.url()).isEqualTo("jdbc:postgresql://db:5432/legacy");
        assertThat(connection.user()).isEqualTo("monobridge");
        assertThat(connection.password()).isEqualTo("s3cret");
        assertThat(connection.toString()).doesNotContain("s3cret");
        assertThat(SinkSettings.DEFINITION.configKeys().get(SinkSettings.SOURCE_JDBC_PASSWORD).type).isEqualTo(ConfigDef.Type.PASSWORD);
    }

    @Test
    void aSourceUrlOfAnotherDatabaseThanTheTopicsComeFromIsNamedWithoutShowingIt() {
        Map<String, String> config = valid();
        config.put(SinkSettings.SOURCE_JDBC_URL, "jdbc:mysql://db:3306/legacy?password=s3cret");

        assertThatThrownBy(() -> new SinkSettings(config)).isInstanceOf(ConfigException.class)
                .hasMessageContaining(SinkSettings.SOURCE_JDBC_URL).hasMessageContaining("PostgreSQL JDBC URL")
                .hasMessageNotContaining("s3cret");
    }
}
