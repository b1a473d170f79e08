package dev.monobridge.connector.drift;

import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.client.MongoDatabase;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import dev.monobridge.capture.source.SourceAdapter;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.definition.ProjectionDefinition;
import dev.monobridge.projector.mongo.MongoDocumentSample;
import dev.monobridge.projector.rebuild.DocumentRecompute;
import dev.monobridge.projector.rebuild.Rebuilds;

/**
 * The drift sampler of a running bridge: its own thread, and its own pool of {@link #SOURCE_CONNECTIONS} source
 * connection, so that it can never take a connection a rebuild or the schema checks need, nor open more than
 * one on the monolith. Off ({@link DriftSettings#isOn()} false), it starts nothing.
 */
public final class DriftSampling implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DriftSampling.class);

    /** One check at a time, one statement at a time: one connection is all it uses. */
    private static final int SOURCE_CONNECTIONS = 1;
    /** Hikari's smallest idle timeout: the connection is given back to the source this long after a round. */
    private static final long IDLE_TIMEOUT_MS = 10_000;
    /** A round in hand finishes its statement (bounded by the statement timeout) before the pool closes. */
    private static final long STOP_WAIT_SECONDS = 5;

    private final DriftFigures figures;
    private final HikariDataSource pool;
    private final ScheduledExecutorService timer;

    private DriftSampling(DriftFigures figures, HikariDataSource pool, ScheduledExecutorService timer) {
        this.figures = figures;
        this.pool = pool;
        this.timer = timer;
    }

    /** Starts sampling every {@code settings.interval()}, or nothing when the settings say off. */
    public static DriftSampling start(DriftSettings settings, SourceAdapter source, Projector projector, MongoDatabase database,
                                      Rebuilds rebuilds) {
        List<String> names = projector.projections().stream().map(ProjectionDefinition::name).toList();
        DriftFigures figures = new DriftFigures(names);
        if (!settings.isOn()) {
            return new DriftSampling(figures, null, null);
        }
        figures.started();
        HikariDataSource pool = pool(source, settings);
        DocumentRecompute recompute = new DocumentRecompute(
                source.snapshots(new StatementTimeouts(pool, (int) settings.statementTimeout().toSeconds())), Clock.systemUTC());
        DriftSampler sampler = new DriftSampler(settings, projector, recompute, database,
                new MongoDocumentSample(database, new Random()), rebuilds::start, figures, Clock.systemUTC());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "monobridge-drift");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.interval().toMillis();
        timer.scheduleWithFixedDelay(sampler, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("Drift sampler: {} documents every {} s, statement timeout {} s, repair {}", settings.documentsPerInterval(),
                settings.interval().toMillis() / 1000.0, settings.statementTimeout().toSeconds(), settings.repair() ? "on" : "off");
        return new DriftSampling(figures, pool, timer);
    }

    public DriftFigures figures() {
        return figures;
    }

    private static HikariDataSource pool(SourceAdapter source, DriftSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(source.jdbcUrl());
        config.setUsername(source.user());
        config.setPassword(source.password());
        config.setMaximumPoolSize(SOURCE_CONNECTIONS);
        config.setMinimumIdle(0);
        config.setIdleTimeout(IDLE_TIMEOUT_MS);
        config.setConnectionTimeout(settings.statementTimeout().toMillis());
        config.setReadOnly(true);
        config.setPoolName("monobridge-drift");
        // Lazily: a source that is down when the bridge starts fails a round, not the start.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            try {
                timer.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pool != null) {
            pool.close();
        }
    }
}
