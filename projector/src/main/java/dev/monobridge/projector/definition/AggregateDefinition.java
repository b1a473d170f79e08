package dev.monobridge.projector.definition;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A figure over every live child row of a level, not only the ones a list shows: how many there are, or
 * the sum, least or greatest of a column, over the rows of {@code table} whose {@code parentKey} holds the
 * level's key and that match the filter. Written under {@code field}; SQL's rules hold for rows with a
 * null column (they are not counted by sum, min and max) and for no rows at all (count 0; sum, min and
 * max null).
 *
 * @param field     the figure's field name in the level
 * @param function  which figure
 * @param column    the column summed, or compared; {@code null} for a count
 * @param table     the child table, {@code schema.table}
 * @param key       the child table's primary-key column (how a rebuild or a drift check names the rows it reads)
 * @param parentKey the child table's column that holds the level's key
 * @param filter    only rows that match count
 * @param lines     where each part is written, for validation messages
 */
public record AggregateDefinition(String field, Function function, String column, String table, String key,
                                  String parentKey, Optional<Predicate> filter, Lines lines) {

    /** The primary-key column a child table has unless the aggregate says otherwise. */
    public static final String DEFAULT_KEY = "id";

    /** The figures there are, by the YAML key that asks for each. */
    public enum Function {
        COUNT("count"), SUM("sum"), MIN("min"), MAX("max");

        private final String text;

        Function(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** The lines of an aggregate's parts; a part that is not written has the aggregate's own line. */
    public record Lines(int aggregate, int table, int key, int column, int parentKey, int filter) {
    }

    /** The child table's columns this aggregate reads. */
    public Set<String> columnsRead() {
        Set<String> columns = new LinkedHashSet<>();
        columns.add(key);
        columns.add(parentKey);
        if (column != null) {
            columns.add(column);
        }
        filter.ifPresent(p -> columns.addAll(p.columns()));
        return columns;
    }

    /** Whether a child row counts: it matches the filter, when there is one. */
    public boolean counts(java.util.Map<String, Object> row) {
        return filter.isEmpty() || filter.get().evaluate(row) == Predicate.Truth.TRUE;
    }
}
