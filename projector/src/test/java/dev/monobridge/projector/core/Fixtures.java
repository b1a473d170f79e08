package dev.monobridge.projector.core;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.definition.ProjectionDefinitionReader;

/** Definitions and changes for the core's unit tests, written as briefly as the golden cases. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-12-26T18:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** A race with all its runners (up to a thousand, more than any test makes), in cloth-number order. */
    static final String RACE_CARD = """
            name: race-card
            team: racing-web
            collection: race_card
            version: 1
            root:
              table: public.race
              key: id
              fields: [id, name]
              lists:
                runners:
                  table: public.runner
                  key: id
                  parent-key: race_id
                  fields: [id, horse, cloth, price]
                  order-by: [cloth asc]
                  max-items: 1000
            """;

    /** A race with its three shortest-priced runners. */
    static final String FAVOURITES = """
            name: race-favourites
            team: racing-web
            collection: race_favourites
            version: 1
            root:
              table: public.race
              key: id
              fields: [id, name]
              lists:
                favourites:
                  table: public.runner
                  key: id
                  parent-key: race_id
                  fields: [id, horse, price]
                  order-by: [price asc]
                  max-items: 3
            """;

    private Fixtures() {
    }

    static ProjectionDefinition definition(String yaml) {
        return new ProjectionDefinitionReader().readText("test.yaml", yaml);
    }

    /** A row image from alternating column names and values; the first column is the key. */
    static Map<String, Object> row(Object... columnsAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put((String) columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return row;
    }

    static Change insert(String table, long pos, Object... columnsAndValues) {
        return change(Op.CREATE, table, pos, row(columnsAndValues));
    }

    static Change update(String table, long pos, Object... columnsAndValues) {
        return change(Op.UPDATE, table, pos, row(columnsAndValues));
    }

    /** A delete as PostgreSQL sends it by default: the before image holds only the key. */
    static Change delete(String table, long pos, String keyColumn, Object key) {
        Map<String, Object> before = row(keyColumn, key);
        return new Change(table, Op.DELETE, new RowKey(before), before, null, position(pos), NOW, null);
    }

    static Change truncate(String table, long pos) {
        return new Change(table, Op.TRUNCATE, null, null, null, position(pos), NOW, null);
    }

    static BigDecimal price(String text) {
        return new BigDecimal(text);
    }

    static SourcePosition position(long pos) {
        return new SourcePosition(pos, 0);
    }

    /** A projector over one definition, with fresh states. */
    static Projecting projecting(String yaml) {
        ProjectionPlan plan = new ProjectionPlan(List.of(definition(yaml)));
        RowStates states = new RowStates(plan.parentKeyColumns());
        return new Projecting(plan, states, new BatchProjector(plan, states, CLOCK));
    }

    /** As {@link #projecting(String)}, with each batch's trail of at most {@code trailLength} entries per document and row. */
    static Projecting projecting(String yaml, int trailLength) {
        ProjectionPlan plan = new ProjectionPlan(List.of(definition(yaml)));
        RowStates states = new RowStates(plan.parentKeyColumns());
        return new Projecting(plan, states, new BatchProjector(plan, states, CLOCK, NOW, SourcePosition.ZERO, trailLength));
    }

    record Projecting(ProjectionPlan plan, RowStates states, BatchProjector projector) {

        ProjectionBatch project(Change... changes) {
            return projector.project(List.of(changes));
        }

        ProjectionBatch project(List<Change> changes) {
            return projector.project(changes);
        }
    }

    private static Change change(Op op, String table, long pos, Map<String, Object> after) {
        Map.Entry<String, Object> key = after.entrySet().iterator().next();
        return new Change(table, op, RowKey.of(key.getKey(), key.getValue()), null, after, position(pos), NOW, null);
    }
}
