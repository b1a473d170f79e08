package dev.monobridge.projector.core;

import java.util.ArrayList;
import java.util.List;

/**
 * Where in a document a write lands: field names, and list entries found by their key. Writers turn
 * the entry segments into whatever their store uses to address an array element by content (MongoDB:
 * filtered positional operators), so that a write never depends on an entry's index.
 */
public record DocumentPath(List<Segment> segments) {

    public DocumentPath {
        segments = List.copyOf(segments);
    }

    public static DocumentPath root() {
        return new DocumentPath(List.of());
    }

    public DocumentPath field(String name) {
        List<Segment> longer = new ArrayList<>(segments);
        longer.add(new Field(name));
        return new DocumentPath(longer);
    }

    public DocumentPath entry(String keyField, Object key) {
        List<Segment> longer = new ArrayList<>(segments);
        longer.add(new Entry(keyField, key));
        return new DocumentPath(longer);
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            if (segment instanceof Field field) {
                text.append(text.isEmpty() ? "" : ".").append(field.name());
            } else if (segment instanceof Entry entry) {
                text.append('[').append(entry.keyField()).append('=').append(entry.key()).append(']');
            }
        }
        return text.toString();
    }

    /** One step of a path. */
    public sealed interface Segment permits Field, Entry {
    }

    /** A named field of a (sub)document. */
    public record Field(String name) implements Segment {
    }

    /** The list entry whose {@code keyField} holds {@code key}. */
    public record Entry(String keyField, Object key) implements Segment {
    }
}
