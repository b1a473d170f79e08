package dev.monobridge.projector.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

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
                "races.yaml:9: retention column 'finished_at' of public.race is text, not a timestamp: retention counts "
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

    private static final ProjectionDefinition MEETINGS = new ProjectionDefinitionReader().readText("meetings.yaml", """
            name: meetings
            team: web
            collection: meetings
            version: 1
            root:
              table: public.meeting
              key: id
              fields: [venue]
              filter: "countyr <> 'XX'"
              lists:
                races:
                  table: public.race
                  key: id
                  parent-key: meetng_id
                  fields: [name]
                  order-by:
                    - off_tme asc
                  max-items: 5
                  drop-when: "stauts = 'ABANDONED'"
                runners:
                  table: public.runers
                  key: id
                  parent-key: meeting_id
                  order-by: [id]
                  max-items: 5
            """);

    @Test
    void aMisspelledColumnOrTableGetsADidYouMeanAtTheLineThatNamesIt() {
        SourceSchema schema = new SourceSchema() {
            @Override
            public Optional<Set<String>> columns(String table) {
                return Optional.ofNullable(Map.of(
                        "public.meeting", Set.of("id", "venue", "country"),
                        "public.race", Set.of("id", "meeting_id", "name", "off_time", "status"),
                        "public.runner", Set.of("id", "race_id")).get(table));
            }

            @Override
            public Set<String> tables() {
                return Set.of("public.meeting", "public.race", "public.runner");
            }
        };

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> DefinitionValidator.validate(List.of(MEETINGS), schema));

        assertThat(error.problems()).extracting(ConfigProblem::line, ConfigProblem::message).containsExactlyInAnyOrder(
                tuple(9, "filter column 'countyr' does not exist in public.meeting (did you mean 'country'?) (columns: country, id, venue)"),
                tuple(14, "parent-key column 'meetng_id' does not exist in public.race (did you mean 'meeting_id'?) "
                        + "(columns: id, meeting_id, name, off_time, status)"),
                tuple(17, "order-by column 'off_tme' does not exist in public.race (did you mean 'off_time'?) "
                        + "(columns: id, meeting_id, name, off_time, status)"),
                tuple(19, "drop-when column 'stauts' does not exist in public.race (did you mean 'status'?) "
                        + "(columns: id, meeting_id, name, off_time, status)"),
                tuple(21, "table public.runers does not exist in the source database (did you mean 'public.runner'?)"));
    }

    @Test
    void aColumnFarFromEveryKnownOneGetsNoGuess() {
        SourceSchema schema = table -> Optional.of(Set.of("id", "meeting_id", "name", "off_time", "status", "venue", "country"));

        ConfigException error = catchThrowableOfType(ConfigException.class, () -> DefinitionValidator.validate(List.of(
                new ProjectionDefinitionReader().readText("m.yaml", """
                        name: m
                        team: web
                        collection: m
                        version: 1
                        root: {table: public.meeting, key: id, fields: [weather]}
                        """)), schema));

        assertThat(error.problems()).extracting(ConfigProblem::message).singleElement().asString()
                .startsWith("field column 'weather' does not exist in public.meeting (columns: ");
    }

    private static final ProjectionDefinition ORDERS = new ProjectionDefinitionReader().readText("orders.yaml", """
            name: orders
            team: shop
            collection: orders
            version: 1
            root:
              table: inventory.orders
              key: id
              lists:
                lines:
                  table: inventory.order_lines
                  key: id
                  parent-key: product
                  order-by: [id]
                  max-items: 50
            """);

    @Test
    void aParentKeyOfAnotherTypeThanItsParentsKeyIsAnErrorWithTheLookupHint() {
        ConfigException error = catchThrowableOfType(ConfigException.class, () -> DefinitionValidator.validate(List.of(ORDERS),
                joinSchema(new ColumnType("int4", false), new ColumnType("varchar", false))));

        assertThat(error.problems()).extracting(ConfigProblem::toString).containsExactly("orders.yaml:12: parent-key 'product' "
                + "of list 'lines' is varchar, but the key 'id' of its parent inventory.orders is int4: a list's parent key "
                + "holds its parent's key; a many-to-one reference (each row pointing at one row of another table) is a lookup "
                + "on the level that holds the reference ('lookups: {product: {table: ..., key: id, via: product_id, fields: [name]}}')");
    }

    @Test
    void integerTypesOfDifferentWidthsJoinBecauseTheyAreCapturedAlike() {
        assertThatCode(() -> DefinitionValidator.validate(List.of(ORDERS),
                joinSchema(new ColumnType("int8", false), new ColumnType("int4", false)))).doesNotThrowAnyException();
    }

    private static SourceSchema joinSchema(ColumnType orderId, ColumnType lineProduct) {
        return new SourceSchema() {
            @Override
            public Optional<Set<String>> columns(String table) {
                return Optional.of(table.equals("inventory.orders") ? Set.of("id") : Set.of("id", "product"));
            }

            @Override
            public Optional<ColumnType> type(String table, String column) {
                if (table.equals("inventory.orders")) {
                    return Optional.of(orderId);
                }
                return Optional.of(column.equals("product") ? lineProduct : new ColumnType("int4", false));
            }
        };
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
