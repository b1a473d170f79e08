package dev.monobridge.projector.definition;

import java.util.Optional;
import java.util.Set;

/** What the source database says its tables are, for checking definitions before anything starts. */
public interface SourceSchema {

    /** The columns of a qualified table ({@code schema.table}), or empty when there is no such table. */
    Optional<Set<String>> columns(String table);

    /**
     * The qualified names of the tables there are, for the "did you mean" of a misspelled one; empty when
     * this schema cannot list them (then a missing table gets no suggestion).
     */
    default Set<String> tables() {
        return Set.of();
    }

    /**
     * A column's type, or empty when this schema does not know it (then nothing that depends on the type
     * is checked).
     */
    default Optional<ColumnType> type(String table, String column) {
        return Optional.empty();
    }

    /**
     * A column's type as validation needs it.
     *
     * @param name        the source's own name for it ({@code text}, {@code timestamptz}), for messages
     * @param isTimestamp whether its values are points in time (a date is not: it has no time of day)
     */
    record ColumnType(String name, boolean isTimestamp) {
    }
}
