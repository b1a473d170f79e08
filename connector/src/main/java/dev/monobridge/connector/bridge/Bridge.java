package dev.monobridge.connector.bridge;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bson.BsonDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.monobridge.connector.capture.DebeziumCapture;
import dev.monobridge.connector.capture.PostgresSource;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.definition.DefinitionValidator;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.jdbc.JdbcSourceSchema;
import dev.monobridge.projector.mongo.MongoDeadLetters;
import dev.monobridge.projector.mongo.MongoProjectorFactory;

/**
 * The whole pipeline on one machine: Debezium's embedded engine capturing PostgreSQL, the projector,
 * and MongoDB. Start-up checks the definitions against the source schema and refuses to start when
 * they do not fit.
 *
 * <p>Close order matters: the engine first (it finishes the batch in hand and saves offsets), then
 * the MongoDB client, then the source pool.
 */
public final class Bridge implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Bridge.class);

    private final BridgeOptions options;
    private final HikariDataSource sourcePool;
    private final MongoClient mongo;
    private final ProjectorStats stats = new ProjectorStats();
    private final Projector projector;
    private final DebeziumCapture capture;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "monobridge-projection-time");
        thread.setDaemon(true);
        return thread;
    });

    private Bridge(BridgeOptions options) {
        this.options = options;
        this.sourcePool = pool(options.source());
        try {
            DefinitionValidator.validate(options.projections(), new JdbcSourceSchema(sourcePool));
            this.mongo = MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(options.mongoUri()))
                    .applicationName("monobridge")
                    .build());
            MongoDatabase database = mongo.getDatabase(options.mongoDatabase());
            this.projector = MongoProjectorFactory.open(database, options.projections(),
                    options.deleteMarkerGrace(), stats, Clock.systemUTC());
            this.capture = new DebeziumCapture(options.source(), options.offsetsFile(), options.offsetFlushInterval(), projector);
        } catch (RuntimeException e) {
            sourcePool.close();
            throw e;
        }
    }

    /** Validates, loads the projector's state and starts capturing. */
    public static Bridge start(BridgeOptions options) {
        Bridge bridge = new Bridge(options);
        bridge.capture.start();
        // Retention depends on time, not only on changes: on a quiet source, expired entries must
        // still leave their documents.
        bridge.timer.scheduleWithFixedDelay(bridge::advanceTime, 1, 1, TimeUnit.SECONDS);
        return bridge;
    }

    private void advanceTime() {
        try {
            projector.advanceTime();
            replayRequestedDeadLetters();
        } catch (RuntimeException e) {
            LOG.error("Advancing the projection time failed; the bridge must be restarted", e);
            timer.shutdown();
        }
    }

    /**
     * Applies the dead letters an operator asked to replay ({@code monobridge dead-letters replay}).
     * A change that fails again becomes a new dead letter.
     */
    private void replayRequestedDeadLetters() {
        MongoDeadLetters deadLetters = new MongoDeadLetters(database());
        List<MongoDeadLetters.Replay> replays = deadLetters.replayRequests();
        if (!replays.isEmpty()) {
            projector.accept(replays.stream().map(MongoDeadLetters.Replay::change).toList());
            deadLetters.replayed(replays);
            LOG.info("Replayed {} dead letters", replays.size());
        }
    }

    /** The projection time the documents are rendered at; retention rules are applied as of it. */
    public Instant projectionTime() {
        return projector.asOf();
    }

    public ProjectorStats stats() {
        return stats;
    }

    public DebeziumCapture capture() {
        return capture;
    }

    public MongoDatabase database() {
        return mongo.getDatabase(options.mongoDatabase());
    }

    public List<ProjectionDefinition> projections() {
        return options.projections();
    }

    /** Documents per projection collection, in definition order. */
    public Map<String, Long> documentCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (ProjectionDefinition projection : options.projections()) {
            counts.put(projection.collection(), database().getCollection(projection.collection(), BsonDocument.class)
                    .estimatedDocumentCount());
        }
        return counts;
    }

    public long deadLetterCount() {
        return new MongoDeadLetters(database()).count();
    }

    /** Bytes of WAL the replication slot holds back on the source, or -1 when the slot does not exist yet. */
    public long slotLagBytes() {
        return new PostgresSlotMonitor(sourcePool, options.source().slot()).retainedWalBytes();
    }

    @Override
    public void close() {
        LOG.info("Stopping the bridge");
        timer.shutdownNow();
        capture.close();
        mongo.close();
        sourcePool.close();
    }

    private static HikariDataSource pool(PostgresSource source) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(source.jdbcUrl());
        config.setUsername(source.user());
        config.setPassword(source.password());
        config.setMaximumPoolSize(2);
        config.setPoolName("monobridge-source");
        return new HikariDataSource(config);
    }
}
