package dev.monobridge.projector.core;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The bridge's current troubles, each under a stable name, in words an operator can act on: MongoDB not
 * acknowledging writes, a mapped column gone from the source, and so on. The part that notices a trouble
 * raises it and clears it when it is over; {@code /ready}, the dashboard and {@code status} read them.
 *
 * <p>Bounded by construction: one entry per name, and the names are a fixed set chosen in code (a name may
 * carry a projection or a column, which are bounded by the definitions).
 */
public final class Conditions {

    private final Map<String, String> raised = new ConcurrentSkipListMap<>();

    /** Raises (or restates) a condition; {@code reason} replaces what it said before. */
    public void raise(String name, String reason) {
        raised.put(name, reason);
    }

    public void clear(String name) {
        raised.remove(name);
    }

    /** Clears every condition whose name starts with {@code prefix}. */
    public void clearAll(String prefix) {
        raised.keySet().removeIf(name -> name.startsWith(prefix));
    }

    /** The reasons of every raised condition, ordered by name. */
    public List<String> reasons() {
        return List.copyOf(raised.values());
    }

    public boolean isRaised(String name) {
        return raised.containsKey(name);
    }
}
