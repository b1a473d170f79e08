package dev.monobridge.projector.core;

import java.util.Map;
import java.util.Set;

import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.definition.ProjectionDefinition;

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
     * leaves documents ahead of the states, up to the position last given to
     * {@link #noteDocumentHorizon}; a projector re-opened from the store writes the documents its replayed
     * changes touch whole, since differences computed from the states would not fit what is stored.
     *
     * <p>Where several projectors may write one store (Kafka Connect tasks), every document and row-state
     * write is guarded by its source position (P10): it applies only where the store holds nothing newer
     * ({@link DocumentMeta#tables()}; a row state's own position). A
     * write refused that way is not an error: another writer (a zombie task, or its successor) holds a
     * newer version there. Refused row states are the store's own business (it reads them again);
     * refused documents are returned, so that the projector writes them whole next time.
     *
     * @return the documents whose writes the position guards refused; empty when there is one writer
     */
    Set<DocumentRef> write(ProjectionBatch batch);

    /**
     * Makes durable, before a batch's documents are written, the newest source position they will
     * reflect. Never moves back: a lower position than the one stored changes nothing.
     */
    void noteDocumentHorizon(SourcePosition position);

    /**
     * Replaces collection {@code target} with {@code source} in one atomic step, so that readers see
     * either the old documents or the new ones, never a mix or nothing. Used to finish a rebuild.
     */
    void replaceCollection(String source, String target);

    /**
     * Makes a projection's collection hold exactly these documents (by document id): removes the ones
     * not among them, and writes whole the ones missing or different. Reads the whole collection, so it
     * is for the end of a snapshot, never for the live stream.
     *
     * @return how many documents were written or removed
     */
    int reconcile(ProjectionDefinition projection, Map<Object, Map<String, Object>> documents, DocumentMeta meta);

    /** Drops a collection, if it exists: a cancelled rebuild's shadow. */
    void dropCollection(String name);
}
