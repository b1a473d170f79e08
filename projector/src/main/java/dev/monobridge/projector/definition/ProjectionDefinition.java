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
 * @param maxBytes   the most bytes a document may take in MongoDB; lists are trimmed from their tail
 *                   to fit, and a document that cannot fit is not written
 */
public record ProjectionDefinition(
        String name,
        String team,
        String collection,
        int version,
        NodeDefinition root,
        String file,
        int maxBytes) {

    /** MongoDB's own limit, and the largest budget a definition may set. */
    public static final int MONGO_MAX_BYTES = 16 * 1024 * 1024;

    /**
     * The budget of a definition that sets none: 256 KiB, what a page can afford to fetch and parse on
     * every view (a few hundred entries of a few hundred bytes each), and a sixty-fourth of MongoDB's
     * limit. A document that reaches MongoDB's 16 MiB is already the Boxing-Day document: every read
     * and every rewrite moves megabytes.
     */
    public static final int DEFAULT_MAX_BYTES = 256 * 1024;

    public ProjectionDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(root, "root");
        if (!root.isRoot()) {
            throw new IllegalArgumentException("the root level of " + name + " cannot have a parent key");
        }
        if (maxBytes <= 0 || maxBytes > MONGO_MAX_BYTES) {
            throw new IllegalArgumentException("max-bytes of " + name + " must be from 1 to " + MONGO_MAX_BYTES);
        }
    }
}
