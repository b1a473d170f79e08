package dev.monobridge.connector.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import dev.monobridge.connector.config.Setting;
import dev.monobridge.connector.config.Settings;

/**
 * Config fuzzing, the {@code bridge.yaml} half (issue 10): broken files of many kinds go through the
 * real entry point, {@code monobridge validate --offline --config FILE}, and every one ends in exit 2
 * with {@code file:line: what}, never in a stack trace or another exit code.
 *
 * <p>Most cases run in this JVM through picocli. The cases that test YAML-level limits (an alias bomb,
 * 1,000 levels of nesting, a 50 MB line, bytes that are not UTF-8) run in a child JVM, so that a
 * {@code StackOverflowError} or an {@code OutOfMemoryError} shows as what a user would see, and cannot
 * take this JVM down with it.
 */
class BridgeYamlFuzzTest {

    private static final Path SHIPPED = Path.of("../config/bridge.yaml");
    private static final Path PROJECTIONS = Path.of("../config/projections").toAbsolutePath().normalize();
    /** Every this many characters, and around each line end, the shipped file is cut. */
    private static final int CUT_EVERY = 11;
    /** A child JVM that takes longer than this to reject a file has failed the user too. */
    private static final long CHILD_SECONDS = 30;
    /** What the issue reported: a 50 MB single-line bridge.yaml ran out of memory after 155 s. */
    private static final int HUGE_LINE_BYTES = 50 * 1024 * 1024;
    /** For {@link #assertClearProblem}: a problem about any file or directory. */
    private static final String ANY_FILE = "";

    @TempDir
    Path directory;

    @TestFactory
    Stream<DynamicTest> everyTruncationOfTheShippedFileIsValidOrAClearProblem() throws IOException {
        String shipped = Files.readString(SHIPPED).replace("directory: projections", "directory: " + PROJECTIONS);
        String withUser = "  user: m"; // the shipped file's user, cut or whole: a complete source section
        List<Integer> cuts = new ArrayList<>();
        for (int at = 0; at < shipped.length(); at += CUT_EVERY) {
            cuts.add(at);
        }
        for (int at = shipped.indexOf('\n'); at >= 0; at = shipped.indexOf('\n', at + 1)) {
            cuts.add(at);
            cuts.add(at + 1);
        }
        return cuts.stream().distinct().sorted().map(at -> DynamicTest.dynamicTest("cut at " + at, () -> {
            String prefix = shipped.substring(0, at);
            Path file = write("truncated-" + at + ".yaml", prefix.getBytes(StandardCharsets.UTF_8));

            CommandRun.Result result = CommandRun.run("validate", "--offline", "--config", file.toString());

            assertThat(result.hasStackTrace()).as(result.all()).isFalse();
            if (!prefix.contains(withUser)) {
                assertClearProblem(result, file);
                // A missing or empty source key; a cut inside the opening comment, or inside a key.
                assertThat(result.err()).containsAnyOf("'source.", "the file is empty", "not valid YAML");
            } else if (result.exitCode() != 0) {
                // A cut inside a value (`snapshot-mode: ini`, half of the projections path) leaves a complete
                // file with a wrong value, or one that names a directory that is not there.
                assertClearProblem(result, file, ANY_FILE);
            } else {
                assertThat(result.out()).startsWith("OK: ");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> aWrongValueForEveryKeyIsAProblemAtThatKeysLine() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Setting setting : Settings.ALL) {
            for (String value : wrongValues(setting)) {
                tests.add(DynamicTest.dynamicTest(setting.key() + ": " + value, () -> {
                    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
                    sections.computeIfAbsent("source", s -> new LinkedHashMap<>()).put("database", "legacy");
                    sections.get("source").put("user", "bridge");
                    sections.computeIfAbsent(setting.section(), s -> new LinkedHashMap<>()).put(setting.name(), value);
                    StringBuilder yaml = new StringBuilder();
                    int line = 0;
                    int keyLine = 0;
                    for (Map.Entry<String, Map<String, String>> section : sections.entrySet()) {
                        yaml.append(section.getKey()).append(":\n");
                        line++;
                        for (Map.Entry<String, String> entry : section.getValue().entrySet()) {
                            yaml.append("  ").append(entry.getKey()).append(": ").append(entry.getValue()).append('\n');
                            line++;
                            if (section.getKey().equals(setting.section()) && entry.getKey().equals(setting.name())) {
                                keyLine = line;
                            }
                        }
                    }
                    Path file = write(setting.key() + ".yaml", yaml.toString().getBytes(StandardCharsets.UTF_8));

                    CommandRun.Result result = CommandRun.run("validate", "--offline", "--config", file.toString());

                    assertClearProblem(result, file);
                    assertThat(result.err()).contains(file + ":" + keyLine + ": '" + setting.key() + "'");
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> oddFilesAreClearProblems() {
        Map<String, byte[]> cases = new LinkedHashMap<>();
        cases.put("empty", new byte[0]);
        cases.put("only a comment", utf8("# nothing here\n"));
        cases.put("a null document", utf8("~\n"));
        cases.put("a list at the top", utf8("- source\n- mongo\n"));
        cases.put("a single value at the top", utf8("bridge\n"));
        cases.put("a section that is a list", utf8("source: [database, user]\n"));
        cases.put("a section that is a number", utf8("source: 5\n"));
        cases.put("a section that is null", utf8("source: ~\n"));
        cases.put("a duplicate key", utf8("source:\n  database: a\n  database: b\n  user: u\n"));
        cases.put("not YAML at all", utf8("source:\n  database: [legacy\n  user: u\n"));
        cases.put("a tab for indentation", utf8("source:\n\tdatabase: legacy\n"));
        cases.put("an unknown section", utf8("source:\n  database: legacy\n  user: u\nsorce:\n  x: 1\n"));
        cases.put("nesting under a value, 50 deep", utf8("source:\n  database: legacy\n  user: " + "{a: ".repeat(50) + "1"
                + "}".repeat(50) + "\n"));
        cases.put("an alias where a value should be", utf8("source:\n  database: &d [legacy]\n  user: *d\n"));
        cases.put("a NUL byte", utf8("source:\n  database: leg\u0000acy\n  user: u\n"));
        cases.put("a control character", utf8("source:\n  database: leg\u0007acy\n  user: u\n"));
        cases.put("a UTF-8 byte-order mark and a bad port", concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                utf8("source:\n  database: legacy\n  user: u\n  port: x\n")));
        cases.put("UTF-16 with a byte-order mark", "source:\n  database: legacy\n".getBytes(StandardCharsets.UTF_16));
        cases.put("Windows line ends and a bad port", utf8("source:\r\n  database: legacy\r\n  user: u\r\n  port: -1\r\n"));
        cases.put("a 2 MB comment and a bad port", utf8("# " + "x".repeat(2 * 1024 * 1024) + "\nsource:\n  database: legacy\n"
                + "  user: u\n  port: 0\n"));
        cases.put("20,000 keys in an unknown section", utf8("source:\n  database: legacy\n  user: u\nextra:\n"
                + "  k%d: v\n".repeat(20_000).formatted(numbers(20_000))));
        return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest(c.getKey(), () -> {
            Path file = write("odd.yaml", c.getValue());

            CommandRun.Result result = CommandRun.run("validate", "--offline", "--config", file.toString());

            assertClearProblem(result, file);
        }));
    }

    /**
     * The cases that YAML-level limits decide (issue 10 point 6), in a child JVM. The limits themselves
     * are {@code YamlNode}'s (the config slice, being fixed alongside): on a branch without them, the
     * 50 MB line fails here (the child is still reading it after 30 s, on its way to running out of
     * memory), and that failure is the point.
     */
    @TestFactory
    Stream<DynamicTest> filesThatTestYamlLimitsAreClearProblemsInARealJvm() {
        Map<String, Writer> cases = new LinkedHashMap<>();
        cases.put("an alias bomb", file -> Files.writeString(file, aliasBomb()));
        cases.put("an alias cycle", file -> Files.writeString(file, "source: &s\n  database: legacy\n  user: u\n  extra: *s\n"));
        cases.put("1,000 levels of nesting", file -> Files.writeString(file, "source:\n  database: legacy\n  user: u\n  port: "
                + "[".repeat(1000) + "]".repeat(1000) + "\n"));
        cases.put("1,000 levels of block nesting", file -> Files.writeString(file, blockNesting(1000)));
        cases.put("bytes that are not UTF-8", file -> Files.write(file, "source:\n  database: caf\u00e9\n  user: u\n"
                .getBytes(StandardCharsets.ISO_8859_1)));
        cases.put("a 50 MB single line", file -> {
            byte[] line = new byte[HUGE_LINE_BYTES];
            java.util.Arrays.fill(line, (byte) 'x');
            Files.write(file, concat(utf8("source:\n  database: legacy\n  user: u\n  host: "), line));
        });
        return cases.entrySet().stream().map(c -> DynamicTest.dynamicTest(c.getKey(), () -> {
            Path file = directory.resolve("limit.yaml");
            c.getValue().write(file);

            CommandRun.Result result = runInChildJvm(file);

            assertClearProblem(result, file);
        }));
    }

    private static List<String> wrongValues(Setting setting) {
        List<String> values = new ArrayList<>(List.of("[1, 2]", "{a: 1}"));
        if (setting.type() == Setting.Type.INTEGER) {
            values.addAll(List.of("seventy", "1.5", "-1", "99999999999999999999", "2147483648", "0x10", "''", "1e3"));
        } else if (setting.problem("").isPresent()) {
            values.add("''");
        }
        switch (setting.key()) {
            case "source.slot" -> values.addAll(List.of("Mono-Bridge", "x".repeat(64)));
            case "source.snapshot-mode" -> values.add("INITIAL");
            case "source.publication-autocreate" -> values.add("yes");
            case "mongo.uri" -> values.addAll(List.of("not-a-uri", "mongodb://", "mongodb://h:99999", "mongodb://u:p@h"));
            case "http.port" -> values.add("65536");
            case "source.port" -> values.addAll(List.of("0", "65536"));
            case "source.max-batch-size" -> values.add("100001");
            default -> {
            }
        }
        return values;
    }

    /** Exit 2, nothing but problem lines on standard error, each about one of the given files. */
    private static void assertClearProblem(CommandRun.Result result, Path file, String... otherFiles) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(ErrorHandler.CONFIG_ERROR);
        assertThat(result.hasStackTrace()).as(result.all()).isFalse();
        assertThat(result.errLines()).as(result.all()).isNotEmpty().allSatisfy(line -> {
            boolean aboutAFile = line.startsWith("  " + file + ":")
                    || Stream.of(otherFiles).anyMatch(other -> line.startsWith("  " + other) && line.contains(": "));
            assertThat(line.matches("\\d+ configuration problems?:") || aboutAFile).as(line).isTrue();
        });
    }

    private CommandRun.Result runInChildJvm(Path file) throws IOException, InterruptedException {
        Path out = directory.resolve("child.out");
        Path err = directory.resolve("child.err");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), MonobridgeCommand.class.getName(),
                "validate", "--offline", "--config", file.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        long started = System.nanoTime();
        try {
            if (!process.waitFor(CHILD_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("validate took more than " + CHILD_SECONDS + " s on " + file);
            }
        } finally {
            process.destroyForcibly();
        }
        return new CommandRun.Result(process.exitValue(), Files.readString(out), Files.readString(err),
                java.time.Duration.ofNanos(System.nanoTime() - started));
    }

    private static String aliasBomb() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        return yaml + "source:\n  database: legacy\n  user: *a9\n";
    }

    private static String blockNesting(int depth) {
        StringBuilder yaml = new StringBuilder("source:\n  database: legacy\n  user: u\n  host:\n");
        for (int level = 0; level < depth; level++) {
            yaml.append("  ".repeat(level + 2)).append("k:\n");
        }
        return yaml.append("  ".repeat(depth + 2)).append("v\n").toString();
    }

    private static Object[] numbers(int count) {
        Object[] numbers = new Object[count];
        for (int i = 0; i < count; i++) {
            numbers[i] = i;
        }
        return numbers;
    }

    private Path write(String name, byte[] content) throws IOException {
        Path file = directory.resolve(name);
        Files.write(file, content);
        return file;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    @FunctionalInterface
    private interface Writer {
        void write(Path file) throws IOException;
    }
}
