package dev.monobridge.projector.rebuild;

import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Creates the indexes a projection's readers query by on one of its collections. A rebuild calls it on
 * the filled shadow before the swap renames the shadow over the live collection: a rename keeps the
 * renamed collection's indexes and drops the target's, so the live collection is never without them.
 * The store's adapter implements it ({@code MongoQueryableIndexes}).
 */
@FunctionalInterface
public interface CollectionIndexes {

    /**
     * @param projection the definition the collection's documents follow
     * @param collection the collection to index: the projection's own, or its shadow
     */
    void ensure(ProjectionDefinition projection, String collection);
}
