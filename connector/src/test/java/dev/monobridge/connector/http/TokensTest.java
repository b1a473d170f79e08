package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.config.BridgeConfig;
import dev.monobridge.connector.config.BridgeConfigReader;
import dev.monobridge.projector.definition.ConfigException;
import dev.monobridge.projector.definition.ConfigProblem;
import dev.monobridge.query.Caller;
import dev.monobridge.query.Tokens;

class TokensTest {

    private static final String RACING = "racing-secret";
    private static final String RACING_OLD = "racing-old-secret";
    private static final String ADMIN = "admin-secret";

    @TempDir
    Path directory;

    @Test
    void aTokenIsKnownByItsHashAlone() {
        Tokens tokens = Tokens.of(Map.of("racing-web", List.of(Tokens.sha256Hex(RACING), Tokens.sha256Hex(RACING_OLD))),
                Tokens.sha256Hex(ADMIN), null);

        assertThat(tokens.identify(RACING)).contains(Caller.team("racing-web"));
        assertThat(tokens.identify(RACING_OLD)).contains(Caller.team("racing-web"));
        assertThat(tokens.identify(ADMIN)).contains(Caller.admin());
        assertThat(tokens.identify("racing-secret ")).isEmpty();
        assertThat(tokens.identify(Tokens.sha256Hex(RACING))).as("the hash is not a token").isEmpty();
        assertThat(tokens.toString()).doesNotContain(Tokens.sha256Hex(RACING)).contains("racing-web");
    }

    @Test
    void theSha256OfATokenIsLowerCaseHex() {
        assertThat(Tokens.sha256Hex("test")).isEqualTo("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
    }

    @Test
    void aMalformedHashIsRefusedWithoutEchoingIt() {
        assertThatThrownBy(() -> Tokens.of(Map.of(), "admin-secret", null))
                .hasMessage("the admin token hash is not a SHA-256 hash: expected 64 hex digits");
    }

    @Test
    void oneHashForTwoCallersIsRefused() {
        String hash = Tokens.sha256Hex(RACING);

        assertThatThrownBy(() -> Tokens.of(Map.of("racing-web", List.of(hash)), hash.toUpperCase(), null))
                .hasMessageContaining("the same token hash is given twice (team racing-web and admin)");
    }

    @Test
    void theTokensFileMapsEachTeamToOneHashOrAList() throws IOException {
        Path file = write("tokens.yaml", "racing-web: " + Tokens.sha256Hex(RACING) + "\n"
                + "sportsbook-web:\n  - " + Tokens.sha256Hex("new") + "\n  - " + Tokens.sha256Hex("old") + "\n");

        Map<String, List<String>> teams = TokensFileReader.read(file);

        assertThat(teams).containsOnlyKeys("racing-web", "sportsbook-web");
        assertThat(teams.get("sportsbook-web")).hasSize(2);
    }

    @Test
    void everyProblemInTheTokensFileIsReportedWithItsLineAndNeverItsValue() throws IOException {
        Path file = write("tokens.yaml", "racing-web: plain-token-pasted-by-mistake\n"
                + "sportsbook-web:\n  - " + Tokens.sha256Hex("ok") + "\n  - abc\n"
                + "account-web: {a: b}\n");

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> TokensFileReader.read(file));

        assertThat(error.problems()).extracting(ConfigProblem::line).containsExactly(1, 4, 5);
        assertThat(error.getMessage()).doesNotContain("plain-token-pasted-by-mistake").contains("64 hex digits");
    }

    @Test
    void theHttpSettingsComeFromBridgeYamlTheTokensFileAndTheEnvironment() throws IOException {
        Path tokens = write("tokens.yaml", "racing-web: " + Tokens.sha256Hex(RACING) + "\n");
        Path yaml = write("bridge.yaml", "source: {database: legacy, user: bridge}\n"
                + "http:\n  port: 9090\n  tokens-file: " + tokens + "\n  max-page-size: 50\n  ready-max-source-lag-mb: 10\n");

        BridgeConfig config = new BridgeConfigReader().read(yaml);
        HttpSettings settings = HttpSettings.from(config.http(), Map.of("MONOBRIDGE_ADMIN_TOKEN_SHA256", Tokens.sha256Hex(ADMIN)));

        assertThat(settings.enabled()).isTrue();
        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
        assertThat(settings.maxPageSize()).isEqualTo(50);
        assertThat(settings.readyMaxSourceLagBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(settings.tokens().identify(RACING)).contains(Caller.team("racing-web"));
        assertThat(settings.tokens().identify(ADMIN)).contains(Caller.admin());
    }

    @Test
    void theHttpSectionDefaultsToPort8080OnLoopbackWithNoTeamTokens() throws IOException {
        BridgeConfig config = new BridgeConfigReader().read(write("bridge.yaml", "source: {database: legacy, user: bridge}\n"));

        assertThat(config.http().port()).isEqualTo(8080);
        assertThat(config.http().bindAddress()).isEqualTo("127.0.0.1");
        assertThat(config.http().tokensFile()).isNull();
        assertThat(config.http().maxPageSize()).isEqualTo(200);
        HttpSettings settings = HttpSettings.from(config.http(), Map.of());
        assertThat(settings.tokens().teams()).isEmpty();
        assertThat(settings.tokens().hasAdmin()).isFalse();
    }

    @Test
    void port0TurnsTheServerOffAndAPortOver65535IsAProblem() throws IOException {
        BridgeConfig off = new BridgeConfigReader().read(write("off.yaml", "source: {database: legacy, user: bridge}\nhttp: {port: 0}\n"));
        Path bad = write("bad.yaml", "source: {database: legacy, user: bridge}\nhttp:\n  port: 70000\n  max-page-size: 0\n");

        assertThat(off.http().enabled()).isFalse();
        assertThat(HttpApi.start(HttpSettings.from(off.http(), Map.of()), null).address()).isEmpty();
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> new BridgeConfigReader().read(bad));
        assertThat(error.problems()).extracting(ConfigProblem::line).containsExactly(3, 4);
    }

    @Test
    void aMalformedHashInTheEnvironmentNamesTheVariableNotTheValue() throws IOException {
        BridgeConfig config = new BridgeConfigReader().read(write("bridge.yaml", "source: {database: legacy, user: bridge}\n"));

        assertThatThrownBy(() -> HttpSettings.from(config.http(), Map.of("MONOBRIDGE_ADMIN_TOKEN_SHA256", "the-admin-token")))
                .hasMessageContaining("$MONOBRIDGE_ADMIN_TOKEN_SHA256").hasMessageNotContaining("the-admin-token");
    }

    @Test
    void theShippedBridgeYamlsHaveAnHttpSection() {
        assertThat(new BridgeConfigReader().read(Path.of("../config/bridge.yaml")).http().port()).isEqualTo(8080);
        assertThat(new BridgeConfigReader().read(Path.of("../docker/bridge.yaml")).http().bindAddress()).isEqualTo("0.0.0.0");
    }

    private Path write(String name, String text) throws IOException {
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file;
    }
}
