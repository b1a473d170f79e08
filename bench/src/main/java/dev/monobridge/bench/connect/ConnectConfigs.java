package dev.monobridge.bench.connect;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.monobridge.connector.cli.MonobridgeCommand;

/**
 * The source and sink connector configurations {@code monobridge connect-config <projection>} prints
 * for a projection, obtained by running that command on a {@code bridge.yaml} written for the
 * benchmark's source database, so that the benchmark runs what an operator would POST to Connect
 * (the source's routing SMT and the sink's settings included, as the command gives them).
 */
final class ConnectConfigs {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The connectors of one projection, each a {@code name} and its {@code config}. */
    record Printed(Map<String, String> source, Map<String, String> sink, String advice) {
    }

    private ConnectConfigs() {
    }

    static Printed of(SourceConnection source, String mongoUri, String mongoDatabase, Path projections, String projection) {
        try {
            Path folder = Files.createTempDirectory("monobridge-bench-connect");
            Path password = folder.resolve("source-password");
            Files.writeString(password, source.password(), StandardCharsets.UTF_8);
            Path bridge = folder.resolve("bridge.yaml");
            Files.writeString(bridge, String.join("\n",
                    "source:",
                    "  host: " + source.host(),
                    "  port: " + source.port(),
                    "  database: " + source.database(),
                    "  user: " + source.user(),
                    "  password-file: " + password,
                    "  slot: " + source.slot(),
                    "  publication: " + source.publication(),
                    "  snapshot-mode: initial",
                    "  poll-interval-ms: " + source.pollIntervalMillis(),
                    "  max-batch-size: " + source.maxBatchSize(),
                    "mongo:",
                    "  uri: " + mongoUri,
                    "  database: " + mongoDatabase,
                    "projections:",
                    "  directory: " + projections.toAbsolutePath(),
                    "http:",
                    "  port: 0",
                    "offsets:",
                    "  file: " + folder.resolve("offsets.dat"),
                    ""), StandardCharsets.UTF_8);
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = new picocli.CommandLine(new MonobridgeCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
                    .execute("connect-config", "--config", bridge.toString(), projection);
            if (exit != 0) {
                throw new IllegalStateException("monobridge connect-config " + projection + " exited with " + exit + ": " + err);
            }
            JsonNode printed = JSON.readTree(out.toString());
            return new Printed(config(printed.get("source")), config(printed.get("sink")), err.toString().trim());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run monobridge connect-config", e);
        }
    }

    private static Map<String, String> config(JsonNode connector) {
        Map<String, String> config = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = connector.get("config").fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            config.put(field.getKey(), field.getValue().asText());
        }
        return config;
    }
}
