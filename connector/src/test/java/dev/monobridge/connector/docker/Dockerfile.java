package dev.monobridge.connector.docker;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link DockerfileBuildIT} needs of a two-stage Dockerfile: the build stage's {@code COPY} lines
 * (paths relative to its {@code WORKDIR}) and its {@code RUN} command, and the paths the final stage
 * copies {@code --from} the build stage. Only the forms the project's Dockerfile uses are understood;
 * anything else fails loudly rather than being skipped.
 */
record Dockerfile(List<Copy> buildCopies, String buildCommand, List<String> artifactsTakenFromTheBuild) {

    /** A {@code COPY source target} of the build stage; target relative to the build's WORKDIR. */
    record Copy(String source, String target) {

        /** Docker's rule: a file copied to {@code .} or to a path ending in {@code /} keeps its name there. */
        String targetOf(boolean sourceIsFile) {
            if (sourceIsFile && (target.equals(".") || target.endsWith("/"))) {
                return (target.equals(".") ? "" : target) + java.nio.file.Path.of(source).getFileName();
            }
            return target.equals(".") ? "" : target;
        }
    }

    static Dockerfile parse(List<String> lines) {
        List<Copy> copies = new ArrayList<>();
        List<String> artifacts = new ArrayList<>();
        String command = null;
        String workdir = null;
        int stage = 0;
        for (String instruction : instructions(lines)) {
            String[] words = instruction.split("\\s+");
            switch (words[0].toUpperCase(java.util.Locale.ROOT)) {
                case "FROM" -> stage++;
                case "WORKDIR" -> {
                    if (stage == 1) {
                        workdir = words[1];
                    }
                }
                case "COPY" -> {
                    if (stage == 1) {
                        if (words.length != 3 || words[1].startsWith("--")) {
                            throw new IllegalArgumentException("a build-stage COPY this test does not understand: " + instruction);
                        }
                        copies.add(new Copy(words[1], words[2]));
                    } else if (words[1].startsWith("--from=")) {
                        if (workdir == null || !words[2].startsWith(workdir + "/")) {
                            throw new IllegalArgumentException("a COPY --from outside the build's WORKDIR " + workdir + ": " + instruction);
                        }
                        artifacts.add(words[2].substring(workdir.length() + 1));
                    }
                }
                case "RUN" -> {
                    if (stage == 1) {
                        if (command != null) {
                            throw new IllegalArgumentException("more than one RUN in the build stage: " + instruction);
                        }
                        command = instruction.substring(3).strip();
                    }
                }
                default -> {
                    // ENTRYPOINT, CMD, USER and the like do not take part in the build.
                }
            }
        }
        if (command == null || copies.isEmpty() || artifacts.isEmpty()) {
            throw new IllegalArgumentException("expected a build stage with COPY and RUN lines and a final stage copying from it");
        }
        return new Dockerfile(List.copyOf(copies), command, List.copyOf(artifacts));
    }

    /** Instructions with comments and blank lines left out and continuation lines joined. */
    private static List<String> instructions(List<String> lines) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            instructions.add(current.toString().strip());
            current.setLength(0);
        }
        return instructions;
    }
}
