package dev.monobridge.projector.core;

import java.util.List;
import java.util.Map;

import dev.monobridge.projector.change.SourcePosition;

/**
 * The write a batch of changes makes to one document: the projector's whole output for it. Writes are
 * targeted: an update names only the paths that changed, so the bytes sent depend on the change and on
 * the list it touches, never on the size of the document.
 */
public sealed interface DocumentWrite permits DocumentWrite.Replace, DocumentWrite.Update, DocumentWrite.Delete {

    DocumentRef document();

    /** The document did not exist, or had to be written whole: its complete content. */
    record Replace(DocumentRef document, Map<String, Object> content, DocumentMeta meta) implements DocumentWrite {
    }

    /**
     * Targeted changes to an existing document. No path is a prefix of another, so the changes can be
     * sent as one update.
     */
    record Update(DocumentRef document, List<SetValue> sets, List<DocumentPath> unsets, DocumentMeta meta)
            implements DocumentWrite {

        public Update {
            sets = List.copyOf(sets);
            unsets = List.copyOf(unsets);
        }
    }

    /**
     * The root row is gone (or no longer qualifies): the document goes too, leaving no empty shell.
     *
     * @param tables the write's guard, as {@link DocumentMeta#tables()}
     */
    record Delete(DocumentRef document, Map<String, SourcePosition> tables) implements DocumentWrite {

        public Delete {
            tables = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(tables));
        }

        /** A delete no change made (a rebuild's), guarded by no table. */
        public Delete(DocumentRef document) {
            this(document, Map.of());
        }
    }

    /** One path set to one value. */
    record SetValue(DocumentPath path, Object value) {
    }
}
