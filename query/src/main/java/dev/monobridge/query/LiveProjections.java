package dev.monobridge.query;

import java.util.List;

import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * The live projection definitions a reader needs: which projections exist, who owns them, their
 * collections and queryable fields. Always an immutable snapshot, answered at once: a reader never
 * waits for the writer (issue 16). The bridge publishes its own ({@code Bridge::projections}, swapped
 * when a rebuild swaps a definition in); {@code monobridge serve} reads MongoDB's stored ones
 * ({@link StoredProjections}).
 */
@FunctionalInterface
public interface LiveProjections {

    /** The definitions now; the same list object until one of them changes. */
    List<ProjectionDefinition> projections();
}
