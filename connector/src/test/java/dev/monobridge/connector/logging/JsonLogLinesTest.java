package dev.monobridge.connector.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.MDC;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ch.qos.logback.classic.LoggerContext;

import dev.monobridge.projector.core.LogFields;

/**
 * The command line's log lines, configured as {@code MONOBRIDGE_LOG_FORMAT} asks, in a logging context of their
 * own (the test JVM's is already configured): JSON lines are one JSON object each, with the level, the logger,
 * the formatted message and the MDC fields a batch sets; text lines are what slf4j-simple printed before.
 */
class JsonLogLinesTest {

    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private LoggerContext context;

    @BeforeEach
    void captureStandardError() {
        originalErr = System.err;
        System.setErr(new PrintStream(written, true, StandardCharsets.UTF_8));
        context = new LoggerContext();
        // The one MDC the process has, which slf4j's MDC writes to; the real context gets it from logback's provider.
        context.setMDCAdapter(MDC.getMDCAdapter());
    }

    @AfterEach
    void restoreStandardError() {
        context.stop();
        System.setErr(originalErr);
    }

    @Test
    void aJsonLogLineParsesAsJsonAndHasTheBatchsFields() throws Exception {
        MonobridgeLogConfigurator.configure(context, LogFormat.JSON);
        Logger log = context.getLogger("dev.monobridge.projector.mongo.MongoProjectionStore");
        try (MDC.MDCCloseable batch = MDC.putCloseable(LogFields.BATCH, "42");
             MDC.MDCCloseable position = MDC.putCloseable(LogFields.POSITION, "0000000001a2b3c4:0000000000000007");
             MDC.MDCCloseable projection = MDC.putCloseable(LogFields.PROJECTION, "racing-homepage")) {
            log.warn("MongoDB refused the write to {} in {}: {}", "racing-homepage 7", "racing_homepage", "too large");
        }
        log.info("a line \"quoted\"\nover two lines");

        List<String> lines = written.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertThat(first.get("level").asText()).isEqualTo("WARN");
        assertThat(first.get("loggerName").asText()).isEqualTo("dev.monobridge.projector.mongo.MongoProjectionStore");
        assertThat(first.get("formattedMessage").asText())
                .isEqualTo("MongoDB refused the write to racing-homepage 7 in racing_homepage: too large");
        assertThat(first.get("timestamp").asLong()).isPositive();
        assertThat(first.get("threadName").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(new ObjectMapper().convertValue(first.get("mdc"), Map.class)).isEqualTo(Map.of(
                "batch", "42", "position", "0000000001a2b3c4:0000000000000007", "projection", "racing-homepage"));
        JsonNode second = new ObjectMapper().readTree(lines.get(1));
        assertThat(second.get("formattedMessage").asText()).isEqualTo("a line \"quoted\"\nover two lines");
        assertThat(second.get("mdc").isEmpty()).as("the batch's fields do not outlive it").isTrue();
    }

    @Test
    void textLinesAreTheHumanFormatAndTheChattyLibrariesStayQuiet() {
        MonobridgeLogConfigurator.configure(context, LogFormat.TEXT);
        context.getLogger("dev.monobridge.connector.bridge.Bridge").info("Stopping the bridge");
        context.getLogger("io.debezium.connector.postgresql.PostgresConnectorTask").info("chatty");
        context.getLogger("io.debezium.pipeline.ChangeEventSourceCoordinator").warn("Snapshot failed");

        assertThat(written.toString(StandardCharsets.UTF_8).lines().toList()).satisfiesExactly(
                line -> assertThat(line).matches("\\d{2}:\\d{2}:\\d{2}\\.\\d{3} INFO Bridge - Stopping the bridge"),
                line -> assertThat(line).endsWith(" WARN ChangeEventSourceCoordinator - Snapshot failed"));
    }

    @Test
    void theCrashTestsLogbackFileHasTheCommandLinesLevelsPlusDebeziumsPhases() throws Exception {
        String xml = new String(getClass().getResourceAsStream("/crash-logback.xml").readAllBytes(), StandardCharsets.UTF_8);
        java.util.Map<String, String> levels = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher logger = java.util.regex.Pattern.compile("<logger name=\"([^\"]+)\" level=\"([A-Z]+)\"/>").matcher(xml);
        while (logger.find()) {
            levels.put(logger.group(1), logger.group(2).toLowerCase(java.util.Locale.ROOT));
        }
        java.util.Map<String, String> expected = new java.util.LinkedHashMap<>(LogLevels.LOGGERS);
        expected.put("io.debezium.relational.RelationalSnapshotChangeEventSource", "info");
        expected.put("io.debezium.pipeline.ChangeEventSourceCoordinator", "info");
        assertThat(levels).containsExactlyEntriesOf(expected);
        assertThat(xml).contains("<pattern>" + MonobridgeLogConfigurator.TEXT_PATTERN + "</pattern>").contains("<root level=\"INFO\">");
    }

    @Test
    void theCommandLineRefusesAFormatNobodyCanReadWithExitCodeTwo() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.monobridge.connector.cli.MonobridgeCommand", "--version")
                .redirectErrorStream(true);
        builder.environment().put(LogFormat.VARIABLE, "xml");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(process.waitFor()).as(output).isEqualTo(2);
        assertThat(output.strip()).isEqualTo("monobridge: $MONOBRIDGE_LOG_FORMAT is 'xml': expected 'text' or 'json'");
    }

    @Test
    void aFormatNobodyCanReadIsRefusedWithWhatToSet() {
        assertThat(LogFormat.of(Map.of())).contains(LogFormat.TEXT);
        assertThat(LogFormat.of(Map.of(LogFormat.VARIABLE, "JSON"))).contains(LogFormat.JSON);
        assertThat(LogFormat.problem(Map.of(LogFormat.VARIABLE, "xml")))
                .contains("$MONOBRIDGE_LOG_FORMAT is 'xml': expected 'text' or 'json'");
        assertThat(LogFormat.problem(Map.of(LogFormat.VARIABLE, "text"))).isEmpty();
    }
}
