package dev.monobridge.connector.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a Kafka Connect cluster's REST API says of the connectors that run Monobridge: the sinks, and
 * Debezium's source connectors that feed them, each with its state and its tasks' states and workers.
 * One {@code GET /connectors?expand=status&expand=info}; what MongoDB keeps says the rest.
 */
final class ConnectRestStatus {

    /** A REST call that takes longer than this is a worker that is not answering. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String DEBEZIUM_PACKAGE = "io.debezium.";

    private final URI connectors;

    ConnectRestStatus(String connectUrl) {
        String base = connectUrl.endsWith("/") ? connectUrl.substring(0, connectUrl.length() - 1) : connectUrl;
        try {
            this.connectors = URI.create(base + "/connectors?expand=status&expand=info");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--connect-url is not a URL: " + connectUrl);
        }
    }

    /**
     * Prints one line per Monobridge sink and Debezium source connector.
     *
     * @throws IllegalStateException when the REST API cannot be reached or answers with an error, with what was tried
     */
    void print(PrintStream out) {
        JsonNode all = fetch();
        out.printf("Kafka Connect at %s:%n", connectors.resolve("/"));
        int shown = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> connector = it.next();
            String connectorClass = connector.getValue().path("info").path("config").path("connector.class").asText();
            if (!connectorClass.equals(ConnectConfigCommand.SINK_CLASS) && !connectorClass.startsWith(DEBEZIUM_PACKAGE)) {
                continue;
            }
            JsonNode status = connector.getValue().path("status");
            StringBuilder tasks = new StringBuilder();
            for (JsonNode task : status.path("tasks")) {
                tasks.append(tasks.length() == 0 ? "" : ", ").append("task ").append(task.path("id").asInt()).append(' ')
                        .append(task.path("state").asText()).append(" on ").append(task.path("worker_id").asText());
                if (task.hasNonNull("trace")) {
                    // The first line only: the trace is the worker's, for its log.
                    tasks.append(" (").append(task.path("trace").asText().lines().findFirst().orElse("")).append(')');
                }
            }
            out.printf("  %-30s %-6s %-10s %s%n", connector.getKey(), connectorClass.equals(ConnectConfigCommand.SINK_CLASS) ? "sink" : "source",
                    status.path("connector").path("state").asText("?"), tasks.length() == 0 ? "no tasks" : tasks);
            shown++;
        }
        if (shown == 0) {
            out.println("  no Monobridge sink or Debezium source connector (monobridge connect-config prints them)");
        }
    }

    private JsonNode fetch() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(connectors).timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the Kafka Connect REST API at " + connectors + " answered " + response.statusCode()
                        + ": " + response.body());
            }
            return new ObjectMapper().readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach the Kafka Connect REST API at " + connectors + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking Kafka Connect at " + connectors, e);
        }
    }
}
