package dev.monobridge.projector.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
                          order-by: [cloth]
                          max-items: lots
                """;

        List<ConfigProblem> problems = problems("racing.yaml", yaml);

        assertThat(problems).extracting(ConfigProblem::file).containsOnly("racing.yaml");
        assertThat(problems).extracting(ConfigProblem::line).containsExactlyInAnyOrder(2, 4, 5, 12, 14, 15, 16, 17, 20, 24);
        assertProblem(problems, 2, "'team' must be a single value, not a list");
        assertProblem(problems, 4, "'version' is 'one', expected a whole number above 0");
        assertProblem(problems, 5, "unknown key 'colour' in the projection definition");
        assertProblem(problems, 12, "missing 'table'");
        assertProblem(problems, 14, "'fields' of list 'races' must be a list, not a single value");
        assertProblem(problems, 15, "order-by entry 'off_time sideways' must be 'column', 'column asc' or 'column desc'");
        assertProblem(problems, 16, "'max-items' is '-3', expected a whole number above 0");
        assertProblem(problems, 17, "unknown key 'max-item' in list 'races' (did you mean 'max-items'?)");
        assertProblem(problems, 20, "'table' is 'runner', expected schema.table");
        assertProblem(problems, 24, "'max-items' is 'lots', expected a whole number above 0");
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
    void everyProblemWithFiltersRetentionAndTheByteBudgetIsReportedAtOnceWithItsLine() {
        String yaml = """
                name: racing-home
                team: racing-web
                collection: racing_home
                version: 1
                max-bytes: 16777217
                root:
                  table: public.meeting
                  key: id
                  filter: "status in ('OPEN', 'LIVE'"
                  drop-when: "status = 'ABANDONED'"
                  retention: {column: finished_at, keep: 5 minutes}
                  lists:
                    races:
                      table: public.race
                      key: id
                      parent-key: meeting_id
                      order-by: [id]
                      max-items: 5
                      filter: "status = 'OPEN'"
                      drop-when: "status 'RESULTED'"
                      retention:
                        keep: 30m
                      lists:
                        runners:
                          table: public.runner
                          key: id
                          parent-key: race_id
                          order-by: [price]
                          max-items: 5
                          drop-when: "price > max_price"
                          retention: {column: off_time, keep: 2h, every: 1h}
                """;

        List<ConfigProblem> problems = problems("racing.yaml", yaml);

        assertThat(problems).extracting(ConfigProblem::file).containsOnly("racing.yaml");
        assertThat(problems).extracting(ConfigProblem::line).containsExactlyInAnyOrder(5, 9, 10, 11, 19, 20, 22, 30, 31);
        assertProblem(problems, 5, "'max-bytes' is 16777217, above MongoDB's limit of 16777216");
        assertProblem(problems, 9, "bad 'filter' predicate: expected ')' at character 26 of \"status in ('OPEN', 'LIVE'\"");
        // The root has 'filter', lists have 'drop-when': each is told which keys it has.
        assertProblem(problems, 10, "unknown key 'drop-when' in the root (known keys: ");
        assertThat(message(problems, 10)).contains("filter").doesNotContain("drop-when,");
        assertProblem(problems, 11, "'keep' is '5 minutes', expected a duration such as 90s, 30m, 2h or 7d");
        assertProblem(problems, 19, "unknown key 'filter' in list 'races' (known keys: ");
        assertThat(message(problems, 19)).contains("drop-when").doesNotContain("filter,");
        assertProblem(problems, 20, "bad 'drop-when' predicate: expected a comparison operator");
        assertProblem(problems, 22, "missing 'column'");
        assertProblem(problems, 30, "bad 'drop-when' predicate: expected a value ('text', a number, true or false), found 'max_price'"
                + " (columns cannot be compared with columns)");
        assertProblem(problems, 31, "unknown key 'every' in 'retention'");
    }

    @Test
    void aBadPredicateIsQuotedWithThePositionOfTheMistake() {
        List<ConfigProblem> problems = problems("config/projections/racing.yaml", """
                name: racing
                team: web
                collection: racing
                version: 1
                root:
                  table: public.meeting
                  key: id
                  filter: "venue = 'O''Brien"
                """);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly(
                "config/projections/racing.yaml:8: bad 'filter' predicate: unterminated 'text' starting at character 9 of"
                        + " \"venue = 'O''Brien\"");
    }

    @Test
    void retentionNeedsAColumnAndAKeep() {
        List<ConfigProblem> problems = problems("racing.yaml", """
                name: racing
                team: web
                collection: racing
                version: 1
                root:
                  table: public.meeting
                  key: id
                  retention: {}
                  lists:
                    races:
                      table: public.race
                      key: id
                      parent-key: meeting_id
                      order-by: [id]
                      max-items: 5
                      retention: {column: resulted_at, keep: 30 m}
                    runners:
                      table: public.runner
                      key: id
                      parent-key: meeting_id
                      order-by: [id]
                      max-items: 5
                      retention: {column: resulted_at, keep: 30M}
                """);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::message).containsExactlyInAnyOrder(
                tuple(8, "missing 'column'"),
                tuple(8, "missing 'keep' (how long after the column's time, e.g. 30m, 2h, 7d)"),
                tuple(23, "'keep' is '30M', expected a duration such as 90s, 30m, 2h or 7d"));
    }

    @Test
    void maxBytesMustBeAWholeNumberOfBytes() {
        for (String bad : List.of("0", "-1", "16 MiB", "1.5")) {
            List<ConfigProblem> problems = problems("racing.yaml", """
                    name: racing
                    team: web
                    collection: racing
                    version: 1
                    max-bytes: %s
                    root: {table: public.meeting, key: id}
                    """.formatted(bad));

            assertThat(problems).as(bad).extracting(ConfigProblem::line, ConfigProblem::message)
                    .containsExactly(tuple(5, "'max-bytes' is '" + bad + "', expected a whole number from 512 to 16777216"));
        }
    }

    @Test
    void aMaxBytesBeyondAnIntIsReportedAsOverMongosLimit() {
        List<ConfigProblem> problems = problems("racing.yaml", """
                name: racing
                team: web
                collection: racing
                version: 1
                max-bytes: 17179869184
                root: {table: public.meeting, key: id}
                """);

        assertThat(problems).extracting(ConfigProblem::message).singleElement().asString()
                .contains("above MongoDB's limit of 16777216");
    }

    @Test
    void theNewSettingsReadIntoTheDefinition() {
        ProjectionDefinition definition = reader.readText("racing.yaml", """
                name: racing-now
                team: racing-web
                collection: racing_now
                version: 1
                max-bytes: 262144
                root:
                  table: public.meeting
                  key: id
                  fields: [id, venue]
                  filter: "status in ('OPEN', 'LIVE')"
                  retention: {column: finished_at, keep: 7d}
                  lists:
                    races:
                      table: public.race
                      key: id
                      parent-key: meeting_id
                      fields: [id, name]
                      order-by: [off_time]
                      max-items: 5
                      drop-when: "status = 'ABANDONED'"
                      retention: {column: resulted_at, keep: 90s}
                """);

        assertThat(definition.maxBytes()).isEqualTo(262_144);
        NodeDefinition meeting = definition.root();
        assertThat(meeting.filter()).map(Predicate::text).hasValue("status in ('OPEN', 'LIVE')");
        assertThat(meeting.dropWhen()).isEmpty();
        assertThat(meeting.retention()).hasValue(new Retention("finished_at", Duration.ofDays(7)));
        NodeDefinition races = meeting.lists().get(0);
        assertThat(races.filter()).isEmpty();
        assertThat(races.dropWhen()).map(Predicate::text).hasValue("status = 'ABANDONED'");
        assertThat(races.retention()).hasValue(new Retention("resulted_at", Duration.ofSeconds(90)));
        // Remembered for every row, because admitting a row depends on them.
        assertThat(meeting.columnsRead()).containsExactly("id", "venue", "status", "finished_at");
        assertThat(races.columnsRead()).containsExactly("id", "meeting_id", "name", "off_time", "status", "resulted_at");
    }

    @Test
    void withoutMaxBytesTheBudgetIsWhatAPageCanAffordNotMongosLimit() {
        ProjectionDefinition definition = reader.readText("racing.yaml", """
                name: racing
                team: web
                collection: racing
                version: 1
                root: {table: public.meeting, key: id}
                """);

        assertThat(definition.maxBytes()).isEqualTo(256 * 1024).isEqualTo(ProjectionDefinition.DEFAULT_MAX_BYTES);
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

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
                directory.resolve("b.yaml") + ":1: projection name 'racing-home' is also used by " + directory.resolve("a.yaml") + ":1",
                directory.resolve("b.yaml") + ":3: collection 'racing_home' is also used by " + directory.resolve("a.yaml")
                        + ":3 (each projection needs its own)");
    }

    @Test
    void everyListMustHaveAMaxItemsSoThatNoListIsUnbounded() {
        List<ConfigProblem> problems = problems("racing.yaml", """
                name: racing
                team: web
                collection: racing
                version: 1
                root:
                  table: public.meeting
                  key: id
                  lists:
                    races:
                      table: public.race
                      key: id
                      parent-key: meeting_id
                      order-by: [off_time]
                """);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly("racing.yaml:10: list 'races' has no "
                + "'max-items': every list is bounded, so say the most entries a page shows (e.g. 'max-items: 20')");
    }

    @Test
    void everyListMustHaveAnOrderBySoThatTheBoundSaysWhichEntriesItKeeps() {
        List<ConfigProblem> problems = problems("racing.yaml", """
                name: racing
                team: web
                collection: racing
                version: 1
                root:
                  table: public.meeting
                  key: id
                  lists:
                    races:
                      table: public.race
                      key: id
                      parent-key: meeting_id
                      max-items: 20
                    tips:
                      table: public.tip
                      key: id
                      parent-key: meeting_id
                      max-items: 20
                      order-by: []
                """);

        assertThat(problems).extracting(ConfigProblem::line, ConfigProblem::message).containsExactly(
                tuple(10, "list 'races' has no 'order-by': 'max-items' keeps the first entries, so the order must say which "
                        + "(e.g. 'order-by: [placed_at desc, id desc]', or 'order-by: [id]' for key order)"),
                tuple(19, "list 'tips' has no 'order-by': 'max-items' keeps the first entries, so the order must say which "
                        + "(e.g. 'order-by: [placed_at desc, id desc]', or 'order-by: [id]' for key order)"));
    }

    @Test
    void aParentKeyThatIsTheListsOwnKeyIsAnErrorBecauseItJoinsRowsThatShareAKeyValue() {
        List<ConfigProblem> problems = problems("orders.yaml", """
                name: orders
                team: shop
                collection: orders
                version: 1
                root:
                  table: inventory.orders
                  key: id
                  lists:
                    products:
                      table: inventory.products
                      key: id
                      parent-key: id
                      order-by: [id]
                      max-items: 1
                """);

        assertThat(problems).extracting(ConfigProblem::toString).containsExactly("orders.yaml:12: parent-key 'id' of list "
                + "'products' is the key of inventory.products itself, so each row would join the parent row whose key has "
                + "the same value. The parent key is the column of inventory.products that holds the parent's key (an "
                + "'order_id', say); a many-to-one reference (each row pointing at one row of another table) is a lookup "
                + "on the level that holds the reference ('lookups: {product: {table: ..., key: id, via: product_id, fields: [name]}}')");
    }

    @Test
    void maxBytesCanStillBeSetUpToMongosLimit() {
        ProjectionDefinition definition = reader.readText("racing.yaml", """
                name: racing
                team: web
                collection: racing
                version: 1
                max-bytes: 16777216
                root: {table: public.meeting, key: id}
                """);

        assertThat(definition.maxBytes()).isEqualTo(ProjectionDefinition.MONGO_MAX_BYTES);
    }

    private List<ConfigProblem> problems(String file, String yaml) {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> reader.readText(file, yaml));
        assertThat(error).as("the problems found in %s", file).isNotNull();
        return error.problems();
    }

    private static String message(List<ConfigProblem> problems, int line) {
        return problems.stream().filter(problem -> problem.line() == line).map(ConfigProblem::message).findFirst().orElseThrow();
    }

    private static void assertProblem(List<ConfigProblem> problems, int line, String message) {
        assertThat(problems).as("problems on line %d", line)
                .anySatisfy(problem -> {
                    assertThat(problem.line()).isEqualTo(line);
                    assertThat(problem.message()).startsWith(message);
                });
    }
}
