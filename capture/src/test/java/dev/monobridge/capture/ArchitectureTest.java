package dev.monobridge.capture;

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
 * Keeps the capture module slim and the source seam honest: a Kafka Connect plugin built on this
 * module must not drag in the embedded engine, the command line or HTTP, and a second database must
 * only need a second adapter package.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/monobridge/capture");
    private static final Path POSTGRES_ADAPTER = MAIN.resolve("source/postgres");
    private static final Path MARIADB_ADAPTER = MAIN.resolve("source/mariadb");

    /** What the embedded bridge, the demo, the command line and HTTP bring; none belongs here. */
    private static final List<String> FORBIDDEN_IMPORTS = List.of("import io.debezium", "import picocli",
            "import io.javalin", "import org.eclipse.jetty", "import com.sun.net.httpserver", "import io.zonky",
            "import de.bwaldvogel", "import com.zaxxer", "import com.mongodb", "import dev.monobridge.connector");

    /**
     * PostgreSQL named in code: its types and driver, its Debezium connector, its SQL catalogue and
     * decoding plugin. Prose ("PostgreSQL") in comments is not code and is not matched.
     */
    static final Pattern NAMES_POSTGRES = Pattern.compile(
            "Postgres(?!QL)|org\\.postgresql|jdbc:postgresql|connector\\.postgresql|\\bpg_|pgoutput");

    /**
     * MariaDB (or MySQL) named in code: its types and driver, its Debezium connector and the binlog
     * connector's classes, its binlog status variables and statements. Prose in comments is not matched.
     */
    static final Pattern NAMES_MARIADB = Pattern.compile(
            "MariaDb|org\\.mariadb|jdbc:mariadb|connector\\.mariadb|connector\\.binlog|MySql|jdbc:mysql|\\bbinlog_|(?i:show binary log)");

    /** The only dependencies the module may carry outside tests. */
    private static final List<String> ALLOWED_DEPENDENCIES = List.of("monobridge-projector", "connect-api");

    @Test
    void theCaptureModuleImportsNoEngineCommandLineHttpDemoOrConnectorTypes() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(MAIN)) {
            for (String line : Files.readAllLines(file)) {
                if (FORBIDDEN_IMPORTS.stream().anyMatch(line::startsWith)) {
                    violations.add(file + ": " + line);
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theCaptureModuleDependsOnlyOnTheProjectorAndConnectApi() throws IOException {
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
    void onlyThePostgresAdapterNamesPostgres() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(MAIN)) {
            if (!file.startsWith(POSTGRES_ADAPTER)) {
                violations.addAll(codeLinesMatching(file, NAMES_POSTGRES));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void onlyTheMariaDbAdapterNamesMariaDb() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path file : javaFiles(MAIN)) {
            if (!file.startsWith(MARIADB_ADAPTER)) {
                violations.addAll(codeLinesMatching(file, NAMES_MARIADB));
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void mariaDbAdapterClassesAreNamedAfterTheirTechnology() throws IOException {
        List<String> misnamed = javaFiles(MARIADB_ADAPTER).stream().map(f -> f.getFileName().toString())
                .filter(name -> !name.equals("package-info.java") && !name.startsWith("MariaDb")).toList();
        assertThat(misnamed).isEmpty();
    }

    @Test
    void postgresAdapterClassesAreNamedAfterTheirTechnology() throws IOException {
        List<String> misnamed = javaFiles(POSTGRES_ADAPTER).stream().map(f -> f.getFileName().toString())
                .filter(name -> !name.equals("package-info.java") && !name.startsWith("Postgres")).toList();
        assertThat(misnamed).isEmpty();
    }

    /** Lines that are code, not comments, which match the pattern: each as file:line: text. */
    static List<String> codeLinesMatching(Path file, Pattern pattern) throws IOException {
        List<String> matches = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            boolean comment = line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
            if (!comment && pattern.matcher(line).find()) {
                matches.add(file + ":" + (i + 1) + ": " + line);
            }
        }
        return matches;
    }

    private static List<Path> javaFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        }
    }
}
