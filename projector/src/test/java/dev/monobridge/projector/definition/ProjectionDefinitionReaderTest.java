package dev.monobridge.projector.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectionDefinitionReaderTest {

    private final ProjectionDefinitionReader reader = new ProjectionDefinitionReader();

    @Test
    void everyProblemIsReportedAtOnceWithItsFileAndLine() {
        String yaml = """
                name: racing-home
                team: [racing, web]
                collection: racing_home
                version: one
                colour: blue
                root:
                  table: public.meeting
                  key: id
                  fields: [id, venue]
                  lists:
                    races:
                      key: id
                      parent-key: meeting_id
                      fields: id
                      order-by: [off_time sideways]
                      max-items: -3
                      max-item: 5
                      lists:
                        runners:
                          table: runner
                          key: id
                          parent-key: race_id
                          max-items: lots
                """;

        List<ConfigProblem> problems = problems("racing.yaml", yaml);

        assertThat(problems).extracting(ConfigProblem::file).containsOnly("racing.yaml");
        assertThat(problems).extracting(ConfigProblem::line).containsExactlyInAnyOrder(2, 4, 5, 12, 14, 15, 16, 17, 20, 23);
        assertProblem(problems, 2, "'team' must be a single value, not a list");
        assertProblem(problems, 4, "'version' is 'one', expected a whole number above 0");
        assertProblem(problems, 5, "unknown key 'colour' in the projection definition");
        assertProblem(problems, 12, "missing 'table'");
        assertProblem(problems, 14, "'fields' of list 'races' must be a list, not a single value");
        assertProblem(problems, 15, "order-by entry 'off_time sideways' must be 'column', 'column asc' or 'column desc'");
        assertProblem(problems, 16, "'max-items' is '-3', expected a whole number above 0");
        assertProblem(problems, 17, "unknown key 'max-item' in list 'races' (did you mean 'max-items'?)");
        assertProblem(problems, 20, "'table' is 'runner', expected schema.table");
        assertProblem(problems, 23, "'max-items' is 'lots', expected a whole number above 0");
    }

    @Test
    void aProblemPrintsAsFileColonLine() {
        List<ConfigProblem> problems = problems("config/projections/racing.yaml", """
                name: racing
                team: web
                collection: racing
                version: 0
                root: {table: public.meeting, key: id}
                """);

        assertThat(problems).extracting(ConfigProblem::toString)
                .containsExactly("config/projections/racing.yaml:4: 'version' is '0', expected a whole number above 0");
    }

    @Test
    void aYamlSyntaxErrorIsReportedWithItsLine() {
        List<ConfigProblem> problems = problems("racing.yaml", """
                name: racing
                team: web
                root:
                  table: public.meeting
                   key: id
                """);

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.line()).isEqualTo(5);
            assertThat(problem.message()).startsWith("not valid YAML");
        });
    }

    @Test
    void aValidDefinitionReadsIntoItsLevels() {
        ProjectionDefinition definition = reader.readText("racing.yaml", """
                name: racing-home
                team: racing-web
                collection: racing_home
                version: 4
                root:
                  table: public.meeting
                  key: id
                  fields: [venue, {going_desc: going}]
                  lists:
                    races:
                      table: public.race
                      key: id
                      parent-key: meeting_id
                      fields: {id: raceId, name: title}
                      order-by: [off_time, id desc]
                      max-items: 12
                """);

        assertThat(definition.name()).isEqualTo("racing-home");
        assertThat(definition.version()).isEqualTo(4);
        NodeDefinition meeting = definition.root();
        assertThat(meeting.fields()).extracting(FieldMapping::column, FieldMapping::field).containsExactly(
                tuple("id", "id"),
                tuple("venue", "venue"),
                tuple("going_desc", "going"));
        NodeDefinition races = meeting.lists().get(0);
        assertThat(races.field()).isEqualTo("races");
        assertThat(races.keyField()).isEqualTo("raceId");
        assertThat(races.orderBy()).containsExactly(new OrderBy("off_time", false), new OrderBy("id", true));
        assertThat(races.maxItems()).isEqualTo(Optional.of(12));
        assertThat(races.columnsRead()).containsExactly("id", "meeting_id", "name", "off_time");
    }

    @Test
    void definitionsInADirectoryMustHaveDistinctNamesAndCollections(@TempDir Path directory) throws IOException {
        String definition = """
                name: racing-home
                team: racing-web
                collection: racing_home
                version: 1
                root: {table: public.meeting, key: id}
                """;
        Files.writeString(directory.resolve("a.yaml"), definition);
        Files.writeString(directory.resolve("b.yaml"), definition);

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> reader.readDirectory(directory));

        assertThat(error.problems()).extracting(ConfigProblem::message).containsExactly(
                "projection name 'racing-home' is also used by " + directory.resolve("a.yaml"),
                "collection 'racing_home' is also used by " + directory.resolve("a.yaml"));
    }

    private List<ConfigProblem> problems(String file, String yaml) {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> reader.readText(file, yaml));
        assertThat(error).as("the problems found in %s", file).isNotNull();
        return error.problems();
    }

    private static void assertProblem(List<ConfigProblem> problems, int line, String message) {
        assertThat(problems).as("problems on line %d", line)
                .anySatisfy(problem -> {
                    assertThat(problem.line()).isEqualTo(line);
                    assertThat(problem.message()).startsWith(message);
                });
    }
}
