package dev.monobridge.connector.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * docs/properties.md names the tests that show each property; a renamed or deleted test must not leave
 * the page pointing at nothing.
 */
class PropertiesPageTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path PAGE = REPOSITORY.resolve("docs/properties.md");
    private static final Path GOLDEN = REPOSITORY.resolve("projector/src/test/resources/golden");
    private static final List<String> MODULES = List.of("projector", "connector", "bench");
    private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([a-z][A-Za-z0-9]*)`");
    private static final Pattern GOLDEN_CASE = Pattern.compile("`([a-z0-9]+(?:-[a-z0-9]+)+)`");

    @Test
    void everyPropertyHasItsSection() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        for (int property = 1; property <= 10; property++) {
            assertThat(page).as("a section for P%d", property).containsPattern("(?m)^## P" + property + " ");
        }
    }

    @Test
    void everyTestThePageNamesExists() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        int named = 0;
        for (Matcher m = TEST.matcher(page); m.find(); named++) {
            Optional<Path> source = testSource(m.group(1));
            if (source.isEmpty()) {
                missing.add(m.group() + ": no test class " + m.group(1));
            } else if (!Pattern.compile("(?:void|Stream<DynamicTest>|Stream<DynamicNode>) " + m.group(2) + "\\(").matcher(Files.readString(source.get())).find()) {
                missing.add(m.group() + ": no method " + m.group(2) + " in " + REPOSITORY.relativize(source.get()));
            }
        }
        assertThat(named).as("tests named on the page").isGreaterThan(50);
        assertThat(missing).as("tests named in %s", REPOSITORY.relativize(PAGE)).isEmpty();
    }

    @Test
    void everyGoldenCaseThePageNamesExists() throws IOException {
        String page = Files.readString(PAGE, StandardCharsets.UTF_8);
        List<String> missing = new ArrayList<>();
        for (String line : page.lines().toList()) {
            if (!line.contains("golden:") && !line.startsWith("  `")) {
                continue;
            }
            for (Matcher m = GOLDEN_CASE.matcher(line); m.find(); ) {
                if (!Files.isDirectory(GOLDEN.resolve(m.group(1)))) {
                    missing.add(m.group(1));
                }
            }
        }
        assertThat(missing).as("golden cases named in %s", REPOSITORY.relativize(PAGE)).isEmpty();
    }

    private static Optional<Path> testSource(String className) throws IOException {
        for (String module : MODULES) {
            Path tests = REPOSITORY.resolve(module).resolve("src/test/java");
            if (!Files.isDirectory(tests)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(tests)) {
                Optional<Path> found = files.filter(file -> file.getFileName().toString().equals(className + ".java")).findFirst();
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }
}
