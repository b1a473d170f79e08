package dev.monobridge.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Nothing in the bridge names a database: the engine's wiring, the pipeline, the HTTP view and the
 * configuration ask the source adapter (capture's {@code …/source/postgres/}). The exceptions start or
 * choose a PostgreSQL server, and are listed here with their reason.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/monobridge/connector");

    /** PostgreSQL named in code: as in capture's ArchitectureTest; prose in comments and messages is not matched. */
    private static final Pattern NAMES_POSTGRES = Pattern.compile(
            "Postgres(?!QL)|org\\.postgresql|jdbc:postgresql|connector\\.postgresql|\\bpg_|pgoutput");

    /** MariaDB named in code: as in capture's ArchitectureTest. */
    private static final Pattern NAMES_MARIADB = Pattern.compile(
            "MariaDb|org\\.mariadb|jdbc:mariadb|connector\\.mariadb|connector\\.binlog|MySql|jdbc:mysql|\\bbinlog_|(?i:show binary log)");

    /** The demo starts an embedded PostgreSQL or MariaDB server and loads its schema. */
    private static final Path DEMO = MAIN.resolve("demo");

    private static final Set<String> ALLOWED = Set.of(
            // The demo command runs the demo's PostgreSQL or MariaDB.
            "cli/DemoCommand.java",
            // Where bridge.yaml's source settings become the one adapter: the only place it is chosen.
            "cli/BridgeOptionsFactory.java",
            // The command line explains a failed PostgreSQL connection by its SQLSTATE; it moves behind the
            // seam when a second source brings its own explanations (issue 11).
            "cli/PostgresConnectionFailure.java",
            // Its MariaDB counterpart, by MariaDB's error codes.
            "cli/MariaDbConnectionFailure.java",
            "cli/ConnectionFailures.java");

    @Test
    void outsideTheDemoAndTheAdaptersChoiceNoClassNamesPostgres() throws IOException {
        assertThat(namingOutsideTheDemoAndTheChoice(NAMES_POSTGRES)).isEmpty();
    }

    @Test
    void outsideTheDemoAndTheAdaptersChoiceNoClassNamesMariaDb() throws IOException {
        assertThat(namingOutsideTheDemoAndTheChoice(NAMES_MARIADB)).isEmpty();
    }

    private static List<String> namingOutsideTheDemoAndTheChoice(Pattern names) throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = MAIN.relativize(file).toString();
                if (file.startsWith(DEMO) || ALLOWED.contains(relative)) {
                    continue;
                }
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    String line = lines.get(i).strip();
                    boolean comment = line.startsWith("*") || line.startsWith("/*") || line.startsWith("//");
                    if (!comment && names.matcher(line).find()) {
                        violations.add(relative + ":" + (i + 1) + ": " + line);
                    }
                }
            }
        }
        return violations;
    }
}
