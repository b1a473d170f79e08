package dev.monobridge.query;

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
 * Keeps the read side apart from the writer (issue 16): the query module serves from MongoDB alone, so
 * it names no capture, Debezium, JDBC, Kafka or connector type, and never the projector's core, whose
 * monitor a reader must not take; definitions reach it as a snapshot ({@link LiveProjections}).
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/monobridge/query");

    private static final List<String> FORBIDDEN_IMPORTS = List.of("import io.debezium", "import org.apache.kafka",
            "import java.sql", "import javax.sql", "import com.zaxxer", "import org.postgresql", "import org.mariadb",
            "import picocli", "import dev.monobridge.capture", "import dev.monobridge.connector", "import dev.monobridge.connect.",
            "import dev.monobridge.projector.core", "import dev.monobridge.projector.rebuild");

    /** The only dependencies the module may carry outside tests. */
    private static final List<String> ALLOWED_DEPENDENCIES = List.of("monobridge-projector", "mongodb-driver-sync", "javalin",
            "slf4j-api");

    @Test
    void theQueryModuleImportsNoCaptureEngineJdbcConnectorOrProjectorCoreTypes() throws IOException {
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (FORBIDDEN_IMPORTS.stream().anyMatch(line::startsWith)) {
                        violations.add(file + ": " + line);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theQueryModuleDependsOnlyOnTheProjectorsDefinitionsMongoDbAndJavalin() throws IOException {
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
}
