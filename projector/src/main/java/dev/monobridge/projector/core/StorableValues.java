package dev.monobridge.projector.core;

import java.util.List;
import java.util.Map;

import dev.monobridge.projector.change.Unconvertible;

/**
 * Checks a value a projection reads before it is remembered: it must have been converted, and a JSON
 * value must be one MongoDB stores as it is. MongoDB refuses field names that start with {@code $}, holds
 * {@code .} in a name ambiguously (paths use it), cannot hold NUL in a name (BSON names are C strings),
 * and refuses documents nested deeper than {@value #MAX_BSON_DEPTH} levels. Such a value is not written
 * escaped: the change becomes a dead letter with the reason, which is the safe default (an escape would be
 * a second spelling frontends had to know).
 */
final class StorableValues {

    /** MongoDB's limit on nested documents and arrays, the document itself included. */
    static final int MAX_BSON_DEPTH = 100;

    private StorableValues() {
    }

    /**
     * @param depth how deep the value's own level sits in its document: 1 for a field of the root
     *              document, and two more for each list level (the array, then the entry)
     * @throws UnprojectableException when the value cannot be stored as it is
     */
    static void check(String table, String column, Object value, int depth) {
        if (value instanceof Unconvertible unconvertible) {
            throw new UnprojectableException(table + "." + column + ": " + unconvertible.reason());
        }
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            String problem = problem(value, depth + 1);
            if (problem != null) {
                throw new UnprojectableException(table + "." + column + " holds JSON MongoDB would refuse: " + problem);
            }
        }
    }

    private static String problem(Object value, int depth) {
        if (!(value instanceof Map<?, ?>) && !(value instanceof List<?>)) {
            return null;
        }
        if (depth > MAX_BSON_DEPTH) {
            return "it nests deeper than MongoDB's " + MAX_BSON_DEPTH + " levels inside its document";
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String name = String.valueOf(entry.getKey());
                if (name.startsWith("$")) {
                    return "the key \"" + name + "\" starts with '$'";
                }
                if (name.indexOf('.') >= 0) {
                    return "the key \"" + name + "\" contains '.'";
                }
                if (name.indexOf('\0') >= 0) {
                    return "a key contains the NUL character";
                }
                String inner = problem(entry.getValue(), depth + 1);
                if (inner != null) {
                    return inner;
                }
            }
            return null;
        }
        for (Object item : (List<?>) value) {
            String inner = problem(item, depth + 1);
            if (inner != null) {
                return inner;
            }
        }
        return null;
    }
}
