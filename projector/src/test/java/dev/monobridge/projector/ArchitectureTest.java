package dev.monobridge.projector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Keeps the projection logic pure: the packages that decide what a change does to a document import
 * nothing from MongoDB, Debezium or Kafka, so they can be read and tested on their own.
 */
class ArchitectureTest {

    private static final Path MAIN = Path.of("src/main/java/dev/monobridge/projector");
    private static final List<String> FORBIDDEN = List.of("import com.mongodb", "import org.bson", "import io.debezium",
            "import org.apache.kafka");

    @Test
    void theCoreTheChangeAndTheDefinitionsImportNoMongoDebeziumOrKafkaTypes() throws IOException {
        List<String> violations = new ArrayList<>();
        for (String pure : List.of("core", "change", "definition")) {
            try (Stream<Path> files = Files.walk(MAIN.resolve(pure))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (String line : Files.readAllLines(file)) {
                        if (FORBIDDEN.stream().anyMatch(line::startsWith)) {
                            violations.add(file + ": " + line);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }

    @Test
    void theProjectorModuleKnowsNothingOfDebezium() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            List<Path> debezium = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> read(f).contains("import io.debezium")).toList();
            assertThat(debezium).isEmpty();
        }
    }

    @Test
    void mongoAdaptersAreNamedAfterTheirTechnology() throws IOException {
        try (Stream<Path> files = Files.list(MAIN.resolve("mongo"))) {
            List<String> misnamed = files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".java") && !name.equals("package-info.java") && !name.startsWith("Mongo"))
                    .toList();
            assertThat(misnamed).isEmpty();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
