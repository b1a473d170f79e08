package dev.monobridge.connector.bridge;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.monobridge.capture.source.SetupProblem;
import dev.monobridge.capture.source.SourceAdapter;
import dev.monobridge.capture.source.SourceSetupException;
import dev.monobridge.connector.capture.DebeziumCapture;
import dev.monobridge.connector.capture.OffsetsFile;
import dev.monobridge.connector.drift.DriftFigures;
import dev.monobridge.connector.drift.DriftSampling;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorPipeline;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.DefinitionValidator;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoConnections;
import dev.monobridge.projector.mongo.MongoDeadLetters;
import dev.monobridge.projector.mongo.MongoDefinitions;
import dev.monobridge.projector.mongo.MongoProjectorFactory;
import dev.monobridge.projector.mongo.MongoQueryableIndexes;
import dev.monobridge.projector.mongo.MongoRebuildJournal;
import dev.monobridge.projector.mongo.MongoWriters;
import dev.monobridge.projector.rebuild.RebuildJournal;
import dev.monobridge.projector.rebuild.Rebuilds;

/**
 * The whole pipeline on one machine: Debezium's embedded engine capturing the source, the projector,
 * and MongoDB. Start-up checks the definitions against the source schema and refuses to start when
 * they do not fit.
 *
 * <p>Capture, projection and MongoDB writes overlap ({@link ProjectorPipeline}): the engine hands batches to
 * the pipeline, which acknowledges each once MongoDB has, and only then do its offsets move.
 *
 * <p>Close order matters: the capture first (the pipeline stores what it holds, then the engine saves the
 * offsets), then the pipeline's threads, then the MongoDB client, then the source pool.
 */
public final class Bridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

    private final BridgeOptions options;
    private final HikariDataSource sourcePool;
    private final MongoClient mongo;
    private final ProjectorStats stats = new ProjectorStats();
    private final Projector projector;
    private final ProjectorPipeline pipeline;
    private final Rebuilds rebuilds;
    /**
     * The live definitions, as an immutable list swapped whole when a rebuild swaps one in: what readers
     * (the query API, the admin API, the sampler) read, so that none of them takes the projector's
     * monitor, which a batch holds while MongoDB writes are retried (issue 16).
     */
    private final AtomicReference<List<ProjectionDefinition>> live;
    private final DebeziumCapture capture;
    private DriftSampling drift;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "monobridge-control");
        thread.setDaemon(true);
        return thread;
    });

    private Bridge(BridgeOptions options) {
        this.options = options;
        this.sourcePool = pool(options.source());
        try {
            DefinitionValidator.validate(options.projections(), options.source().schema(sourcePool));
            checkSetup(options, sourcePool);
            options.source().readCatalogue(sourcePool, options.capturedTables());
            this.mongo = MongoConnections.connect(options.mongoUri(), "monobridge", MongoConnections.PROJECTOR_SERVER_SELECTION);
            MongoDatabase database = mongo.getDatabase(options.mongoDatabase());
            MongoRebuildJournal journal = new MongoRebuildJournal(database, Clock.systemUTC());
            dropInterruptedRebuilds(database, journal);
            MongoDefinitions stored = new MongoDefinitions(database);
            LiveDefinitions definitions = LiveDefinitions.resolve(options.projections(), stored);
            this.projector = MongoProjectorFactory.open(database, definitions.live(),
                    options.deleteMarkerGrace(), stats, Clock.systemUTC(), MongoProjectorFactory.CACHE_ROWS, "",
                    MongoWriters.ONE, options.trace());
            this.live = new AtomicReference<>(List.copyOf(definitions.live()));
            this.rebuilds = new Rebuilds(projector, options.source().snapshots(sourcePool), definitions.pending(), journal, Clock.systemUTC(),
                    definition -> {
                        stored.store(definition, LiveDefinitions.text(definition));
                        live.getAndUpdate(all -> replacing(all, definition));
                    },
                    (definition, collection) -> MongoQueryableIndexes.ensure(database, definition, collection));
            this.pipeline = ProjectorPipeline.start(projector, stats);
            this.capture = new DebeziumCapture(options.source(), options.offsetsFile(), options.offsetFlushInterval(), pipeline);
        } catch (RuntimeException e) {
            sourcePool.close();
            throw e;
        }
    }

    /**
     * Stops before the engine starts when the source is not set up for capture, with every problem in
     * one line each: the engine would fail on the first of them seconds later, inside a stack trace.
     */
    public static void checkSetup(BridgeOptions options, DataSource sourcePool) {
        List<SetupProblem> problems = options.source().checkSetup(sourcePool, options.capturedTables());
        if (!problems.isEmpty()) {
            throw new SourceSetupException(options.source().user() + " at " + options.source().jdbcUrl(), problems);
        }
    }

    /** Validates, loads the projector's state and starts capturing. */
    public static Bridge start(BridgeOptions options) {
        OffsetsFile.check(options.offsetsFile());
        Bridge bridge = new Bridge(options);
        bridge.capture.start();
        bridge.timer.scheduleWithFixedDelay(new ControlLoop(bridge.projector, bridge.rebuilds, bridge.database()),
                1, 1, TimeUnit.SECONDS);
        bridge.drift = DriftSampling.start(options.drift(), options.source(), bridge.projector, bridge.database(),
                bridge.rebuilds);
        return bridge;
    }

    /**
     * A shadow collection left by a rebuild that a crash interrupted is incomplete: it goes, and the live
     * collection, which the rebuild never touched, stays. The rebuild can simply be run again. Only a
     * shadow whose rebuild recorded that it began and never ended goes, never a collection for its name.
     */
    private static void dropInterruptedRebuilds(MongoDatabase database, RebuildJournal journal) {
        for (String shadow : journal.unfinished()) {
            LOG.warn("Dropping {}, left by an interrupted rebuild; run the rebuild again", shadow);
            database.getCollection(shadow).drop();
            journal.end(shadow);
        }
    }

    /** Rebuilds of this bridge's projections: start, cancel, progress. */
    public Rebuilds rebuilds() {
        return rebuilds;
    }

    /** The projection time the documents are rendered at; retention rules are applied as of it. */
    public Instant projectionTime() {
        return projector.asOf();
    }

    public ProjectorStats stats() {
        return stats;
    }

    /** What the drift sampler found so far (nothing when it is off). */
    public DriftFigures drift() {
        return drift == null ? DriftFigures.NONE : drift.figures();
    }

    public DebeziumCapture capture() {
        return capture;
    }

    public MongoDatabase database() {
        return mongo.getDatabase(options.mongoDatabase());
    }

    /**
     * The live projections: what their collections hold now. An immutable snapshot that never waits for
     * the projector; a rebuild's new definition replaces its old one once the swap is done.
     */
    public List<ProjectionDefinition> projections() {
        return live.get();
    }

    private static List<ProjectionDefinition> replacing(List<ProjectionDefinition> all, ProjectionDefinition definition) {
        List<ProjectionDefinition> replaced = new ArrayList<>(all.size());
        all.forEach(each -> replaced.add(each.name().equals(definition.name()) ? definition : each));
        return List.copyOf(replaced);
    }

    /** Documents per projection collection, in definition order. */
    public Map<String, Long> documentCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ProjectionDefinition projection : projections()) {
            counts.put(projection.collection(), database().getCollection(projection.collection(), BsonDocument.class)
                    .estimatedDocumentCount());
        }
        return counts;
    }

    public long deadLetterCount() {
        return new MongoDeadLetters(database()).count();
    }

    /**
     * Bytes of log the source holds back for capture (for PostgreSQL, WAL the replication slot keeps; for a
     * binlog, how far its head is beyond what was applied), or -1 when it holds none yet (no slot yet, or
     * nothing applied).
     */
    public long sourceLagBytes() {
        return options.source().lagProbe(sourcePool, projector::lastPosition).retainedBytes();
    }

    @Override
    public void close() {
        LOG.info("Stopping the bridge");
        timer.shutdownNow();
        if (drift != null) {
            drift.close();
        }
        rebuilds.close();
        capture.close();
        pipeline.close();
        mongo.close();
        sourcePool.close();
    }

    private static HikariDataSource pool(SourceAdapter source) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(source.jdbcUrl());
        config.setUsername(source.user());
        config.setPassword(source.password());
        config.setMaximumPoolSize(2);
        config.setPoolName("monobridge-source");
        return new HikariDataSource(config);
    }
}
