package dev.monobridge.projector.definition;

import java.util.Objects;

/**
 * A team's read model: one MongoDB document per root row, nested from several tables.
 *
 * @param name       unique name, used in URLs and metrics
 * @param team       the owning team, which alone may read the projection
 * @param collection the MongoDB collection holding the documents
 * @param version    the definition's version, recorded in every document so that documents built by
 *                   an older definition can be found
 * @param root       the root level; its key becomes the document's {@code _id}
 * @param file       the file the definition came from
 */
public record ProjectionDefinition(
        String name,
        String team,
        String collection,
        int version,
        NodeDefinition root,
        String file) {

    public ProjectionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        if (!root.isRoot()) {
            throw new IllegalArgumentException("the root level of " + name + " cannot have a parent key");
        }
    }
}
