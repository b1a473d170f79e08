package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps the Connect plugin slim: what a worker loads from the archive is the projector, the capture
 * module's mapper and adapters, and this module; never the embedded engine, the command line, HTTP,
 * the demo servers or the worker's own internals.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/monobridge/connect");

    private static final List<String> FORBIDDEN_IMPORTS = List.of("import io.debezium", "import picocli",
            "import io.javalin", "import org.eclipse.jetty", "import com.sun.net.httpserver", "import io.zonky",
            "import de.bwaldvogel", "import com.zaxxer", "import dev.monobridge.connector",
            // The worker's internals differ between Kafka versions; a plugin uses only the API.
            "import org.apache.kafka.connect.runtime");

    /**
     * The only dependencies the module may carry outside tests; connect-api is provided by the worker, and the
     * PostgreSQL driver is for the sink's rebuilds, which read the source (a worker's other plugins' drivers
     * are out of reach of this plugin's isolated class loader).
     */
    private static final List<String> ALLOWED_DEPENDENCIES = List.of("monobridge-projector", "monobridge-capture", "connect-api",
            "postgresql");

    /** What Connect instantiates by name; everything else stays package-private. */
    private static final List<String> PUBLIC_TYPES = List.of("MonobridgeSinkConnector.java", "MonobridgeSinkTask.java");

    /** Code (not comments) naming PostgreSQL: only the setting that chooses the source's event reader may. */
    private static final Pattern NAMES_POSTGRES = Pattern.compile("Postgres(?!QL)|org\\.postgresql|connector\\.postgresql");

    @Test
    void theSinkImportsNoEngineCommandLineHttpDemoOrWorkerTypes() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            for (String line : Files.readAllLines(file)) {
                if (FORBIDDEN_IMPORTS.stream().anyMatch(line::startsWith)) {
                    violations.add(file + ": " + line);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theSinkDependsOnlyOnTheProjectorCaptureAndConnectApi() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        List<String> dependencies = new ArrayList<>();
        Matcher dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(pom);
        while (dependency.find()) {
            String body = dependency.group(1);
            if (!body.contains("<scope>test</scope>")) {
                Matcher artifact = Pattern.compile("<artifactId>(.*?)</artifactId>").matcher(body);
                dependencies.add(artifact.find() ? artifact.group(1) : body);
            }
        }
        assertThat(dependencies).containsExactlyInAnyOrderElementsOf(ALLOWED_DEPENDENCIES);
    }

    @Test
    void onlyTheConnectorAndItsTaskArePublic() throws IOException {
        List<String> publicTypes = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (Files.readAllLines(file).stream().anyMatch(line -> line.matches("public (final )?(abstract )?(class|interface|record|enum) .*"))) {
                publicTypes.add(file.getFileName().toString());
            }
        }
        assertThat(publicTypes).containsExactlyInAnyOrderElementsOf(PUBLIC_TYPES);
    }

    @Test
    void onlyTheSettingThatChoosesTheSourceNamesPostgres() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles()) {
            if (file.getFileName().toString().equals("SinkSettings.java")) {
                continue;
            }
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                boolean comment = line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
                if (!comment && NAMES_POSTGRES.matcher(line).find()) {
                    violations.add(file + ":" + (i + 1) + ": " + line);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    private static List<Path> javaFiles() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
