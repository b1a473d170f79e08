package dev.monobridge.projector.definition;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Thrown at start-up when configuration is wrong. It carries every problem found, not only the first,
 * so that one run tells the user everything there is to fix.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a configuration error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        return problems.size() + " configuration problem" + (problems.size() == 1 ? "" : "s") + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
