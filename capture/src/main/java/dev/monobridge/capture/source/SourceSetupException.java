package dev.monobridge.capture.source;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The source is not set up for capture. It carries every problem found, so that one attempt tells the
 * user everything there is to fix; each is one line, never a stack trace (the command line prints the
 * message alone and exits as for bad configuration).
 */
public final class SourceSetupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<SetupProblem> problems;

    public SourceSetupException(String source, List<SetupProblem> problems) {
        super(describe(source, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a setup error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<SetupProblem> problems() {
        return problems;
    }

    private static String describe(String source, List<SetupProblem> problems) {
        return problems.size() + " setup problem" + (problems.size() == 1 ? "" : "s") + " on the source " + source + ":\n"
                + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
