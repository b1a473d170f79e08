package dev.monobridge.projector.definition;

import java.util.Optional;
import java.util.Set;

/** What the source database says its tables are, for checking definitions before anything starts. */
public interface SourceSchema {

    /** The columns of a qualified table ({@code schema.table}), or empty when there is no such table. */
    Optional<Set<String>> columns(String table);
}
