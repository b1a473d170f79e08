package dev.monobridge.projector.definition;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a file is read, so that reading goes on after the first one. */
public final class Problems {

    private final List<ConfigProblem> found = new ArrayList<>();

    public void add(String file, int line, String message) {
        found.add(new ConfigProblem(file, line, message));
    }

    public void addAll(Problems other) {
        found.addAll(other.found);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<ConfigProblem> list() {
        return List.copyOf(found);
    }

    /** Throws a {@link ConfigException} listing every problem, if there is any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }
}
