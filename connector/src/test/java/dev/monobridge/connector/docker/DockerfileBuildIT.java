package dev.monobridge.connector.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image build works from what the Dockerfile copies, and from nothing else: no Docker engine runs on
 * the build machines, so this does what the build stage does. It copies exactly the files the build
 * stage's {@code COPY} lines name (leaving out what {@code Dockerfile.dockerignore} leaves out) into an
 * empty folder, runs the stage's {@code mvn} command there offline (from the local repository, where
 * the image would download), and checks that everything the final stage copies out of the build stage
 * exists. A module added to the parent pom but not copied, or a file the build reads from outside the
 * copied folders, fails here as it would fail {@code docker build}.
 */
class DockerfileBuildIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path DOCKERFILE = REPOSITORY.resolve("docker/Dockerfile");
    private static final Path IGNORE = REPOSITORY.resolve("docker/Dockerfile.dockerignore");
    /** Compiling and packaging two modules takes about a minute on two busy cores. */
    private static final long BUILD_MINUTES = 10;

    @TempDir
    Path context;

    @Test
    void theFilesTheDockerfileCopiesAreEnoughForItsBuildCommand() throws Exception {
        Dockerfile dockerfile = Dockerfile.parse(Files.readAllLines(DOCKERFILE, StandardCharsets.UTF_8));
        List<PathMatcher> ignored = ignorePatterns();
        for (Dockerfile.Copy copy : dockerfile.buildCopies()) {
            Path source = REPOSITORY.resolve(copy.source());
            copyTree(source, context.resolve(copy.targetOf(Files.isRegularFile(source))), ignored);
        }
        assertThat(dockerfile.buildCommand()).as("the build stage's RUN command").startsWith("mvn");

        List<String> command = new ArrayList<>(List.of(dockerfile.buildCommand().split("\\s+")));
        command.add(1, "-o");
        Path log = context.resolve("build.log");
        Process build = new ProcessBuilder(command).directory(context.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished = build.waitFor(BUILD_MINUTES, TimeUnit.MINUTES);
        if (!finished) {
            build.destroyForcibly();
        }
        String output = Files.readString(log);
        assertThat(finished).as("%s finished within %d minutes", command, BUILD_MINUTES).isTrue();
        assertThat(build.exitValue()).as("exit code of %s in a folder holding only what the Dockerfile copies:%n%s", command, output)
                .isZero();
        for (String artifact : dockerfile.artifactsTakenFromTheBuild()) {
            assertThat(context.resolve(artifact)).as("%s, which the final stage copies from the build stage", artifact).exists();
        }
    }

    private static List<PathMatcher> ignorePatterns() throws IOException {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String line : Files.readAllLines(IGNORE, StandardCharsets.UTF_8)) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
            // Docker's ** also matches no folder at all: **/target leaves out a top-level target too.
            if (pattern.startsWith("**/")) {
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3)));
            }
        }
        return matchers;
    }

    private static void copyTree(Path source, Path target, List<PathMatcher> ignored) throws IOException {
        assertThat(source).as("a path the Dockerfile copies").exists();
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = REPOSITORY.relativize(path);
                if (isIgnored(relative, ignored)) {
                    continue;
                }
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    Files.copy(path, destination);
                }
            }
        }
    }

    /** Ignored when the path, or any folder above it, matches a pattern, as Docker decides. */
    private static boolean isIgnored(Path relative, List<PathMatcher> ignored) {
        for (Path prefix = relative; prefix != null && !prefix.toString().isEmpty(); prefix = prefix.getParent()) {
            Path candidate = prefix;
            if (ignored.stream().anyMatch(matcher -> matcher.matches(candidate))) {
                return true;
            }
        }
        return false;
    }
}
