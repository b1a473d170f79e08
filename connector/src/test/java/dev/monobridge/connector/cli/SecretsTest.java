package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.definition.ConfigException;

/** Secrets that are missing or unreadable are configuration problems that never repeat the secret. */
class SecretsTest {

    @Test
    void aMongoUriFromTheEnvironmentThatTheDriverCannotReadIsAProblemThatNeverRepeatsIt() {
        Secrets secrets = new Secrets(Map.of("MONOBRIDGE_MONGO_URI", "mongodb://bridge:s3cret@db:notaport"));

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> secrets.mongoUri("MONOBRIDGE_MONGO_URI", "mongodb://localhost"));

        assertThat(error.getMessage()).contains("$MONOBRIDGE_MONGO_URI: the MongoDB URI in MONOBRIDGE_MONGO_URI is not a MongoDB "
                + "connection string: ").doesNotContain("s3cret").doesNotContain("bridge");
    }

    @Test
    void aMongoUriFromTheEnvironmentMayHoldCredentials() {
        Secrets secrets = new Secrets(Map.of("MONOBRIDGE_MONGO_URI", "mongodb://bridge:s3cret@db:27017"));

        assertThat(secrets.mongoUri("MONOBRIDGE_MONGO_URI", "mongodb://localhost")).isEqualTo("mongodb://bridge:s3cret@db:27017");
    }

    @Test
    void aPasswordThatIsNotSetIsAConfigurationProblemNamingTheVariable() {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new Secrets(Map.of()).password("", "PG_PASS"));

        assertThat(error.problems()).singleElement().asString()
                .isEqualTo("$PG_PASS: the source password is not set: export PG_PASS (or set source.password-file)");
    }
}
