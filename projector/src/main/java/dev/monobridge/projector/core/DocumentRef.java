package dev.monobridge.projector.core;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.definition.ProjectionDefinition;

/** One projection document: the projection, and the key of the root row it is built from. */
public record DocumentRef(ProjectionDefinition projection, RowKey rootKey) {

    /** The document's {@code _id}: the root key's value, or for a composite key a map of its columns. */
    public Object documentId() {
        return rootKey.columns().size() == 1 ? rootKey.singleValue() : rootKey.columns();
    }

    @Override
    public String toString() {
        return projection.name() + rootKey;
    }
}
