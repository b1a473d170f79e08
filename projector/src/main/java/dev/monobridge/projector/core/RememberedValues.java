package dev.monobridge.projector.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

import dev.monobridge.projector.change.Unavailable;

/**
 * What a row's state keeps of a change: the columns some projection reads, normalized, with values the
 * source did not send carried over from the previous state. One definition for applying a change
 * ({@link BatchProjector}) and for foreseeing what applying it will read ({@link StatePrefetch}).
 */
final class RememberedValues {

    private RememberedValues() {
    }

    /**
     * @param check called with each read column and its value before it is kept; it may throw to refuse
     *              the change
     */
    static Map<String, Object> of(Set<String> columnsRead, RowState previous, Map<String, Object> values,
                                  BiConsumer<String, Object> check) {
        Map<String, Object> remembered = new LinkedHashMap<>();
        for (Map.Entry<String, Object> column : values.entrySet()) {
            String name = column.getKey();
            if (!columnsRead.contains(name)) {
                continue;
            }
            check.accept(name, column.getValue());
            if (column.getValue() == Unavailable.VALUE) {
                if (previous != null && previous.values().containsKey(name)) {
                    remembered.put(name, previous.values().get(name));
                }
            } else {
                remembered.put(name, Values.normalize(column.getValue()));
            }
        }
        return remembered;
    }
}
