package dev.monobridge.projector.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Definitions that would destroy or stop something are refused where they are written: a collection
 * the bridge owns or drops, a retention outside the time range, a byte budget nothing fits in.
 */
class DefinitionLimitsTest {

    private final ProjectionDefinitionReader reader = new ProjectionDefinitionReader();

    @Test
    void aCollectionNamedLikeARebuildShadowIsRefusedAtTheLineOfCollection() {
        assertThat(problems(definition("probe__rebuild", "1d"))).extracting(ConfigProblem::toString).containsExactly(
                "probe.yaml:3: 'collection' is 'probe__rebuild': names ending in '__rebuild' are rebuild shadows, "
                        + "which the bridge drops and renames");
    }

    @Test
    void noCollectionTheBridgeKeepsForItselfCanBeAProjectionsCollection() {
        for (String own : List.of("monobridge_row_states", "monobridge_dead_letters", "monobridge_projector",
                "monobridge_anything_later", "Monobridge_Row_States")) {
            assertThat(problems(definition(own, "1d"))).as(own).extracting(ConfigProblem::line, ConfigProblem::message)
                    .containsExactly(tuple(3, "'collection' is '" + own + "': names starting with 'monobridge_' are the "
                            + "bridge's own (row states, dead letters, its records)"));
        }
    }

    @Test
    void aCollectionNameMongoDbWouldRefuseIsRefusedAtItsLine() {
        for (String refused : List.of("''", "'$cmd'", "system.users", "'a.b'", "\"nul\\0byte\"", "x".repeat(CollectionNames.MAX_LENGTH + 1))) {
            assertThat(problems(definition(refused, "1d"))).as(refused).singleElement().satisfies(problem -> {
                assertThat(problem.line()).isEqualTo(3);
                assertThat(problem.message()).startsWith("'collection' ");
            });
        }
        assertThat(reader.readText("probe.yaml", definition("x".repeat(CollectionNames.MAX_LENGTH), "1d")).collection())
                .hasSize(CollectionNames.MAX_LENGTH);
    }

    @Test
    void theLongestCollectionNameStillFitsAMongoNamespaceWithItsShadowSuffix() {
        String longestDatabase = "d".repeat(63);
        String shadow = CollectionNames.shadowOf("c".repeat(CollectionNames.MAX_LENGTH));

        assertThat((longestDatabase + "." + shadow).length()).isLessThanOrEqualTo(255);
    }

    @Test
    void aKeepBeyondTheTimeRangeIsALineErrorNotACrash() {
        for (String huge : List.of("99999999999999999s", "999999999999999d", "99999999999999999999999999s", "36501d",
                "876001h", "52560001m", "3153600001s")) {
            assertThat(problems(definition("probe", huge))).as(huge).extracting(ConfigProblem::line, ConfigProblem::message)
                    .containsExactly(tuple(10, "'keep' is '" + huge + "', more than the longest allowed, 36500d (100 years)"));
        }
    }

    @Test
    void aKeepOfNothingIsALineError() {
        for (String nothing : List.of("0s", "0d", "000m")) {
            assertThat(problems(definition("probe", nothing))).as(nothing).extracting(ConfigProblem::line, ConfigProblem::message)
                    .containsExactly(tuple(10, "'keep' is '" + nothing + "': rows would go as soon as they arrive; the shortest is 1s"));
        }
    }

    @Test
    void theLongestAndShortestKeepAreAllowed() {
        assertThat(reader.readText("probe.yaml", definition("probe", "36500d")).root().retention().orElseThrow().keep())
                .isEqualTo(Retention.MAX_KEEP).isEqualTo(Duration.ofDays(36_500));
        assertThat(reader.readText("probe.yaml", definition("probe", "1s")).root().retention().orElseThrow().keep())
                .isEqualTo(Retention.MIN_KEEP);
    }

    @Test
    void theLongestKeepAfterTheLatestTimestampPostgresCanHoldIsStillATime() {
        Retention retention = new Retention("finished_at", Retention.MAX_KEEP);
        Instant latestPostgres = Instant.parse("+294276-12-31T23:59:59.999999Z");

        assertThat(retention.expiry(Map.of("finished_at", latestPostgres))).hasValueSatisfying(expiry ->
                assertThat(expiry).isAfter(latestPostgres));
    }

    @Test
    void aByteBudgetNoDocumentFitsInIsALineError() {
        for (String tiny : List.of("1", "100", "511")) {
            String yaml = definition("probe", "1d").replace("version: 1\n", "version: 1\nmax-bytes: " + tiny + "\n");
            assertThat(problems(yaml)).as(tiny).extracting(ConfigProblem::line, ConfigProblem::message)
                    .containsExactly(tuple(5, "'max-bytes' is " + tiny + ", below the least of 512 (a document with only its "
                            + "_id and _meta takes about 200)"));
        }
        String smallest = definition("probe", "1d").replace("version: 1\n", "version: 1\nmax-bytes: 512\n");
        assertThat(reader.readText("probe.yaml", smallest).maxBytes()).isEqualTo(ProjectionDefinitionReader.MIN_MAX_BYTES);
    }

    private static String definition(String collection, String keep) {
        return """
                name: probe
                team: web
                collection: %s
                version: 1
                root:
                  table: public.meeting
                  key: id
                  retention:
                    column: finished_at
                    keep: %s
                """.formatted(collection, keep);
    }

    private List<ConfigProblem> problems(String yaml) {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> reader.readText("probe.yaml", yaml));
        assertThat(error).as("the problems found in %s", yaml).isNotNull();
        return error.problems();
    }
}
