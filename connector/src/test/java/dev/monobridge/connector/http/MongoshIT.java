package dev.monobridge.connector.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import dev.monobridge.connector.demo.DemoSize;
import dev.monobridge.projector.core.ProjectionPlan;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * The official MongoDB shell on the demo's in-process MongoDB, after the bridge has filled the shipped
 * projections: what a frontend developer does with {@code mongosh} (issue 18). The shell's answers are
 * printed as canonical extended JSON and compared with what the Java driver reads from the same server.
 * Skipped where no {@code mongosh} is on the PATH ({@code .ci/run} installs it from the npm registry).
 */
class MongoshIT {

    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    /** A shell run takes 1-5 s here, depending on load; the limit only stops a hung shell from hanging the build. */
    private static final Duration SHELL_LIMIT = Duration.ofSeconds(60);
    private static final String DATABASE = "monobridge";
    private static final String NO_SHELL = "mongosh is not on the PATH"
            + " (.ci/run installs it from the npm registry: npm install -g --prefix /usr/local mongosh@2.12.0)";

    /** What a frontend developer asks the shell, all in one run: starting the shell takes seconds on a busy machine. */
    private static final String QUESTIONS = """
            const projections = %s;
            const out = {findOne: {}, counts: {}, indexes: {}};
            for (const name of projections) {
              const collection = db.getCollection(name);
              out.findOne[name] = collection.findOne();
              out.counts[name] = collection.countDocuments();
              out.indexes[name] = collection.getIndexes().map(i => i.name).sort();
            }
            out.inCountry = db.racing_homepage.find({country: %s}, {_id: 1}).sort({_id: 1}).toArray().map(d => d._id);
            out.byCountry = db.racing_homepage.aggregate([
              {$project: {country: 1, races: {$size: '$races'}}},
              {$group: {_id: '$country', meetings: {$sum: 1}, races: {$sum: '$races'}}},
              {$sort: {_id: 1}}
            ]).toArray();
            print(EJSON.stringify(out, {relaxed: false}));
            """;

    @TempDir
    static Path scripts;

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static Path mongosh;
    private static DemoBridge demo;
    private static MongoClient driver;
    private static MongoDatabase database;
    private static String country;
    private static BsonDocument answers;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> found = onPath("mongosh");
        if (found.isEmpty()) {
            return; // each test reports itself skipped (an assumption here would count as a failure in Failsafe's summary)
        }
        mongosh = found.get();
        demo = new DemoBridge(DemoSize.tiny());
        // No workload runs: once the snapshot's changes are all written, the documents stay as they are.
        long rows = capturedRows();
        await().atMost(CATCH_UP).until(() -> demo.bridge.stats().changes() >= rows
                && demo.bridge.documentCounts().values().stream().allMatch(n -> n > 0));
        driver = MongoClients.create(demo.mongo.connectionString());
        database = driver.getDatabase(DATABASE);
        country = collection("racing_homepage").find().first().getString("country").getValue();
        answers = script(QUESTIONS.formatted(collections().stream().map(MongoshIT::jsString).toList(), jsString(country)));
    }

    @BeforeEach
    void needsTheShell() {
        assumeTrue(mongosh != null, NO_SHELL);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.close();
        }
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void theReadmesCommandPrintsARacingHomepageDocument() throws Exception {
        BsonDocument first = collection("racing_homepage").find().first();

        String printed = shell("--eval", "db.racing_homepage.findOne()");

        // mongosh 2.x prints documents in its own shell syntax; the first one in natural order, as the driver reads it.
        assertThat(printed).contains("_id: Long('" + first.getInt64("_id").getValue() + "')")
                .contains("venue: '" + first.getString("venue").getValue() + "'")
                .contains("races: [");
    }

    @Test
    void findOneOnEachProjectionGivesTheDocumentTheDriverReads() {
        for (String name : collections()) {
            BsonDocument fromShell = answers.getDocument("findOne").getDocument(name);
            BsonDocument fromDriver = collection(name).find(Filters.eq("_id", fromShell.get("_id"))).first();
            assertThat(fromShell).as(name).isEqualTo(fromDriver).containsKey("_meta");
        }
    }

    @Test
    void aFindFilteredOnAQueryableRootFieldGivesTheDriversDocuments() {
        List<BsonValue> expected = new ArrayList<>();
        collection("racing_homepage").find(Filters.eq("country", country)).sort(Sorts.ascending("_id"))
                .forEach(document -> expected.add(document.get("_id")));

        assertThat(answers.getArray("inCountry")).isNotEmpty().containsExactlyElementsOf(expected);
    }

    @Test
    void countDocumentsOnEachProjectionAgreesWithTheBridgesCounts() {
        Map<String, Long> counts = demo.bridge.documentCounts();
        for (String name : collections()) {
            assertThat(answers.getDocument("counts").getNumber(name).longValue()).as(name)
                    .isEqualTo(counts.get(name))
                    .isEqualTo(collection(name).countDocuments())
                    .isPositive();
        }
    }

    @Test
    void getIndexesListsTheQueryIndexesTheBridgeCreated() {
        BsonDocument indexes = answers.getDocument("indexes");
        for (String name : collections()) {
            List<String> fromDriver = new ArrayList<>();
            collection(name).listIndexes(BsonDocument.class).forEach(index -> fromDriver.add(index.getString("name").getValue()));
            fromDriver.sort(null);
            assertThat(names(indexes.getArray(name))).as(name).containsExactlyElementsOf(fromDriver);
        }
        assertThat(names(indexes.getArray("racing_homepage"))).contains("_id_", "monobridge_query_country", "monobridge_query_venue");
    }

    @Test
    void anAggregationGroupsTheMeetingsAsTheDocumentsSay() {
        // The same figures, counted in Java from the documents the driver reads.
        Map<String, long[]> expected = new TreeMap<>();
        collection("racing_homepage").find().forEach(meeting -> {
            long[] figures = expected.computeIfAbsent(meeting.getString("country").getValue(), c -> new long[2]);
            figures[0]++;
            figures[1] += meeting.getArray("races").size();
        });
        List<String> fromJava = expected.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue()[0] + " meetings, " + e.getValue()[1] + " races").toList();

        List<String> fromShell = answers.getArray("byCountry").stream().map(BsonValue::asDocument)
                .map(g -> g.getString("_id").getValue() + ": " + g.getNumber("meetings").longValue() + " meetings, "
                        + g.getNumber("races").longValue() + " races")
                .toList();
        assertThat(fromShell).isNotEmpty().containsExactlyElementsOf(fromJava);
    }

    /** Runs a script file in the shell and parses the JSON document it printed last. */
    private static BsonDocument script(String javascript) throws IOException, InterruptedException {
        Path file = scripts.resolve("script-" + RUNS.incrementAndGet() + ".js");
        Files.writeString(file, javascript, StandardCharsets.UTF_8);
        List<String> lines = shell("--file", file.toString()).lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).as("the shell's output").isNotEmpty();
        return BsonDocument.parse(lines.get(lines.size() - 1));
    }

    /** The shell's standard output, after asserting that it exited with 0. */
    private static String shell(String... arguments) throws IOException, InterruptedException {
        int run = RUNS.incrementAndGet();
        List<String> command = new ArrayList<>(List.of(mongosh.toString(), demo.mongo.connectionString() + "/" + DATABASE,
                "--quiet", "--norc"));
        command.addAll(List.of(arguments));
        Path out = scripts.resolve("mongosh-" + run + ".out");
        Path log = Path.of("target", "mongosh-" + run + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
        if (!process.waitFor(SHELL_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("mongosh did not finish within " + SHELL_LIMIT + "; see " + log);
        }
        String printed = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("mongosh's exit code; it printed:%n%s%nand on standard error (%s):%n%s",
                printed, log, Files.readString(log, StandardCharsets.UTF_8)).isZero();
        return printed;
    }

    private static MongoCollection<BsonDocument> collection(String name) {
        return database.getCollection(name, BsonDocument.class);
    }

    private static List<String> collections() {
        return TestBridge.PROJECTIONS.stream().map(ProjectionDefinition::collection).sorted().toList();
    }

    private static List<String> names(BsonArray values) {
        return values.stream().map(value -> value.asString().getValue()).toList();
    }

    /** A JavaScript string literal; the values here are names and country codes, so quotes need no escaping. */
    private static String jsString(String value) {
        assertThat(value).doesNotContain("'", "\\", "\n");
        return "'" + value + "'";
    }

    /** Rows in the tables the projections capture: the initial snapshot delivers one change for each. */
    private static long capturedRows() throws SQLException {
        long rows = 0;
        try (Connection connection = demo.postgres.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            for (String table : new ProjectionPlan(TestBridge.PROJECTIONS).tables()) {
                try (ResultSet count = statement.executeQuery("select count(*) from " + table)) {
                    count.next();
                    rows += count.getLong(1);
                }
            }
        }
        return rows;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory).resolve(program);
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
