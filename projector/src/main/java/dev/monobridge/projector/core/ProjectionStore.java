package dev.monobridge.projector.core;

/**
 * Where projected documents and the projector's row states are kept. Implemented by adapters named
 * after their technology ({@code MongoProjectionStore}).
 */
public interface ProjectionStore {

    /**
     * Makes a batch durable: first the document writes, then the row states, then the dead letters.
     * Returns only once the store has acknowledged all of it; until then the caller must not let the
     * source's offsets move past the batch.
     *
     * <p>The order matters for crash safety. A row state is written only after the documents it
     * produced, so a remembered position always means "already in the documents". A crash in between
     * leaves documents ahead of the states, and the replayed changes recompute the same writes.
     */
    void write(ProjectionBatch batch);

    /**
     * Replaces collection {@code target} with {@code source} in one atomic step, so that readers see
     * either the old documents or the new ones, never a mix or nothing. Used to finish a rebuild.
     */
    void replaceCollection(String source, String target);

    /** Drops a collection, if it exists: a cancelled rebuild's shadow. */
    void dropCollection(String name);
}
