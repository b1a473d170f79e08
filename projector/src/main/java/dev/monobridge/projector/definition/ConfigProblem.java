package dev.monobridge.projector.definition;

/**
 * One thing wrong with a configuration file, located precisely enough to fix without searching:
 * {@code config/projections/racing.yaml:12: unknown key 'max-item' (did you mean 'max-items'?)}.
 *
 * @param file the file as the user named it
 * @param line the 1-based line, or 0 when the problem concerns the whole file
 */
public record ConfigProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line + ": " + message : file + ": " + message;
    }
}
