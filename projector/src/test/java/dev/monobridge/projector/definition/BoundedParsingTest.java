package dev.monobridge.projector.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile or mistaken input ends in a {@code file:line: what} problem, quickly: never a
 * StackOverflowError, an OutOfMemoryError or a minute spent reading.
 */
class BoundedParsingTest {

    private static final Duration QUICKLY = Duration.ofSeconds(5);

    private final ProjectionDefinitionReader reader = new ProjectionDefinitionReader();

    @Test
    void aFiftyMegabyteFileIsRefusedBeforeItIsRead(@TempDir Path directory) throws IOException {
        Path huge = directory.resolve("bridge.yaml");
        try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
            file.setLength(50L * 1024 * 1024);
        }
        Problems problems = new Problems();

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThat(YamlNode.parse(huge, problems)).isEmpty());

        assertThat(problems.list()).extracting(ConfigProblem::toString).containsExactly(
                huge + ": the file has 52428800 bytes, more than the 1048576 a configuration file may have");
    }

    @Test
    void aFileInLatin1IsReportedAtTheLineOfItsFirstByteThatIsNotUtf8(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("racing.yaml");
        Files.write(file, definition("  fields: {venue: lieu}\n  filter: \"venue = 'Chantilly é'\"\n")
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThat(problemsIn(file)).extracting(ConfigProblem::toString).singleElement().asString()
                .startsWith(file + ":9: not UTF-8: byte 0xE9 ")
                .endsWith("save the file as UTF-8");
    }

    @Test
    void aFileInUtf16IsToldToBeSavedAsUtf8(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("racing.yaml");
        Files.write(file, definition("").getBytes(StandardCharsets.UTF_16));

        assertThat(problemsIn(file)).extracting(ConfigProblem::toString).containsExactly(
                file + ":1: the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
    }

    @Test
    void aUtf8ByteOrderMarkIsAccepted(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("racing.yaml");
        Files.writeString(file, "\uFEFF" + definition(""));

        assertThat(reader.readDirectory(directory)).singleElement().satisfies(d -> assertThat(d.name()).isEqualTo("racing"));
    }

    @Test
    void aNulByteIsReportedAtItsLine(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("racing.yaml");
        Files.writeString(file, "name: racing\nteam: web\ncollection: ra\0cing\n");

        assertThat(problemsIn(file)).extracting(ConfigProblem::toString).containsExactly(
                file + ":3: not valid YAML: character U+0000 is not allowed");
    }

    @Test
    void anAliasCycleIsALineError() {
        List<ConfigProblem> problems = problems(definition("""
                  lists: &l
                    races:
                      table: public.race
                      key: id
                      parent-key: meeting_id
                      lists: *l
                """));

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "racing.yaml:13: not accepted: alias *l is inside the list or mapping &l it repeats, which would make it endless");
    }

    @Test
    void anAliasBombIsALineError() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append("a").append(level).append(": &a").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ", ").append("*a").append(level - 1);
            }
            yaml.append("]\n");
        }

        List<ConfigProblem> problems = assertTimeoutPreemptively(QUICKLY, () -> problems(yaml.toString()));

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "racing.yaml:3: not accepted: more than 10 aliases repeat a list or mapping");
    }

    @Test
    void aThousandLevelsOfNestingAreALineError() {
        String flow = "name: " + "[".repeat(1000) + "]".repeat(1000) + "\n";
        StringBuilder block = new StringBuilder();
        for (int level = 0; level < 1000; level++) {
            block.append("  ".repeat(level)).append("k").append(level).append(":\n");
        }

        assertThat(assertTimeoutPreemptively(QUICKLY, () -> problems(flow))).extracting(ConfigProblem::toString)
                .containsExactly("racing.yaml:1: not accepted: lists and mappings nest more than 64 levels deep");
        assertThat(assertTimeoutPreemptively(QUICKLY, () -> problems(block.toString()))).extracting(ConfigProblem::toString)
                .containsExactly("racing.yaml:65: not accepted: lists and mappings nest more than 64 levels deep");
    }

    @Test
    void listsNestedTooDeepAreALineError() {
        StringBuilder yaml = new StringBuilder(definition(""));
        String indent = "  ";
        for (int level = 1; level <= 12; level++) {
            yaml.append(indent).append("lists:\n")
                    .append(indent).append("  l").append(level).append(":\n")
                    .append(indent).append("    table: public.t").append(level).append('\n')
                    .append(indent).append("    key: id\n")
                    .append(indent).append("    parent-key: parent_id\n")
                    .append(indent).append("    order-by: [id]\n")
                    .append(indent).append("    max-items: 5\n");
            indent += "    ";
        }

        List<ConfigProblem> problems = problems(yaml.toString());

        // At the eleventh list, the first too deep.
        assertThat(problems).extracting(ConfigProblem::toString)
                .containsExactly("racing.yaml:79: lists nest more than 10 levels below the root");
    }

    @Test
    void hugePredicatesAreLineErrorsQuickly() {
        String parentheses = "(".repeat(20_000) + "a = 1" + ")".repeat(20_000);
        String nots = "not ".repeat(20_000) + "a = 1";
        String ors = String.join(" or ", java.util.Collections.nCopies(20_000, "a = 1"));

        for (String predicate : List.of(parentheses, nots, ors)) {
            List<ConfigProblem> problems = assertTimeoutPreemptively(QUICKLY,
                    () -> problems(definition("  filter: \"" + predicate + "\"\n")));
            assertThat(problems).singleElement().satisfies(problem -> {
                assertThat(problem.line()).isEqualTo(8);
                assertThat(problem.message()).startsWith("bad 'filter' predicate: the predicate has ")
                        .endsWith("characters, more than the 4096 allowed");
            });
        }
    }

    @Test
    void predicatesWithinTheLengthAreBoundedInNestingAndComparisons() {
        assertThatThrownBy(() -> PredicateParser.parse("(".repeat(33) + "a = 1" + ")".repeat(33)))
                .hasMessageStartingWith("parentheses and 'not's nest more than 32 levels deep at character 33 of \"");
        assertThatThrownBy(() -> PredicateParser.parse("not ".repeat(33) + "a = 1"))
                .hasMessageStartingWith("parentheses and 'not's nest more than 32 levels deep at character 129 of \"");
        assertThatThrownBy(() -> PredicateParser.parse(String.join(" or ", java.util.Collections.nCopies(257, "a=1"))))
                .hasMessageStartingWith("more than 256 comparisons at character 1793 of \"a=1 or a=1");
        assertThat(PredicateParser.parse("(".repeat(32) + "a = 1" + ")".repeat(32)).columns()).containsExactly("a");
        assertThat(PredicateParser.parse(String.join(" or ", java.util.Collections.nCopies(256, "a=1"))).columns())
                .containsExactly("a");
    }

    private static String definition(String rootExtra) {
        return """
                name: racing
                team: web
                collection: racing
                version: 1
                root:
                  table: public.meeting
                  key: id
                """ + rootExtra;
    }

    private List<ConfigProblem> problems(String yaml) {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> reader.readText("racing.yaml", yaml));
        assertThat(error).as("the problems found in %s", yaml.length() > 200 ? yaml.substring(0, 200) : yaml).isNotNull();
        return error.problems();
    }

    private List<ConfigProblem> problemsIn(Path file) {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> reader.readDirectory(file.getParent()));
        assertThat(error).isNotNull();
        return error.problems();
    }
}
