package dev.monobridge.projector.change;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An unmodifiable map of column names to values that keeps its order, and that costs little memory:
 * the projector remembers one per live source row, so what a row costs decides how many rows fit in a
 * heap. The column names are shared by every map with the same columns; a row holds only its values.
 * Lookups scan the few columns a row has, which is as fast as hashing at this size.
 */
public final class CompactMap extends AbstractMap<String, Object> {

    /** Column-name arrays by the columns they hold, shared by every row of the same shape. */
    private static final Map<List<String>, String[]> SHAPES = new ConcurrentHashMap<>();

    private final String[] names;
    private final Object[] values;

    private CompactMap(String[] names, Object[] values) {
        this.names = names;
        this.values = values;
    }

    /** An unmodifiable copy, in the source's iteration order. */
    public static Map<String, Object> copyOf(Map<String, ?> source) {
        if (source instanceof CompactMap compact) {
            return compact;
        }
        String[] names = new String[source.size()];
        Object[] values = new Object[source.size()];
        int i = 0;
        for (Map.Entry<String, ?> entry : source.entrySet()) {
            names[i] = entry.getKey();
            values[i++] = entry.getValue();
        }
        return new CompactMap(SHAPES.computeIfAbsent(List.of(names), shape -> names), values);
    }

    @Override
    public Object get(Object key) {
        int index = indexOf(key);
        return index < 0 ? null : values[index];
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public int size() {
        return names.length;
    }

    private int indexOf(Object key) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < names.length;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= names.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new AbstractMap.SimpleImmutableEntry<>(names[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return names.length;
            }
        };
    }

    @Override
    public boolean equals(Object other) {
        // Rows of one shape share their names: compare the values alone, without an entry per column.
        if (other instanceof CompactMap compact && compact.names == names) {
            return Arrays.equals(values, compact.values);
        }
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        // As AbstractMap's, without allocating an entry per column.
        int hash = 0;
        for (int i = 0; i < names.length; i++) {
            hash += names[i].hashCode() ^ (values[i] == null ? 0 : values[i].hashCode());
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < names.length; i++) {
            text.append(i == 0 ? "" : ", ").append(names[i]).append('=').append(values[i] instanceof byte[] b ? Arrays.toString(b) : values[i]);
        }
        return text.append('}').toString();
    }
}
