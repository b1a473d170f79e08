package dev.monobridge.projector.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.definition.SourceSchema.ColumnType;

/** Checks against the source that need its column types: retention counts from a point in time. */
class DefinitionValidatorTest {

    private static final ProjectionDefinition RACES = new ProjectionDefinitionReader().readText("races.yaml", """
            name: races
            team: web
            collection: races
            version: 1
            root:
              table: public.race
              key: id
              fields: [name]
              retention: {column: finished_at, keep: 1d}
            """);

    @Test
    void aRetentionOnATextColumnIsALineError() {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> DefinitionValidator.validate(List.of(RACES), schema(new ColumnType("text", false))));

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly(
                "races.yaml:6: retention column 'finished_at' of public.race is text, not a timestamp: retention counts "
                        + "from a point in time (timestamp or timestamptz)");
    }

    @Test
    void aRetentionOnADateColumnIsALineErrorBecauseADateIsNoPointInTime() {
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> DefinitionValidator.validate(List.of(RACES), schema(new ColumnType("date", false))));

        assertThat(error.problems()).extracting(ConfigProblem::message).singleElement().asString().contains("is date, not a timestamp");
    }

    @Test
    void aRetentionOnATimestampColumnIsValid() {
        assertThatCode(() -> DefinitionValidator.validate(List.of(RACES), schema(new ColumnType("timestamptz", true))))
                .doesNotThrowAnyException();
    }

    @Test
    void aSchemaThatDoesNotKnowTypesChecksNoType() {
        SourceSchema namesOnly = table -> Optional.of(Set.of("id", "name", "finished_at"));

        assertThatCode(() -> DefinitionValidator.validate(List.of(RACES), namesOnly)).doesNotThrowAnyException();
    }

    private static SourceSchema schema(ColumnType finishedAt) {
        Map<String, ColumnType> types = Map.of("id", new ColumnType("int8", false), "name", new ColumnType("text", false),
                "finished_at", finishedAt);
        return new SourceSchema() {
            @Override
            public Optional<Set<String>> columns(String table) {
                return Optional.of(types.keySet());
            }

            @Override
            public Optional<ColumnType> type(String table, String column) {
                return Optional.ofNullable(types.get(column));
            }
        };
    }
}
