package dev.monobridge.connector.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A realistic, endless workload on the {@link DemoSchema demo schema}: prices moving on runners and
 * selections (most of it), markets and selections suspended and reopened, races going off and being
 * resulted, events going live and being settled, new races, runners, events, markets and selections,
 * bets placed and settled, runners withdrawn (deleted) or moved to another race, markets deleted, and
 * old meetings and events deleted with cascade. Each step is one small transaction of one to five
 * statements.
 *
 * <p>Ids are looked up in the database, never assumed. A long run does not grow the database: rows
 * are added only while the live counts are below those it started with, and finished rows deleted
 * while the counts are above them.
 *
 * <p>Lifecycle: {@link #runSteps} runs steps synchronously, in the caller's thread, and is
 * deterministic for a given seed and starting data (apart from timestamps). {@link #start} runs steps
 * on one background daemon thread instead, paced to the given rate of changed rows; {@link #close}
 * stops it. A step that fails with an SQL error (a row deleted meanwhile, say) is rolled back, counted
 * in {@link #errors()}, and the workload goes on. Starting while {@link #runSteps} runs is allowed;
 * steps never overlap, but determinism is lost.
 */
public final class LoadGenerator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadGenerator.class);

    /** After a stall, do not burst to catch up more than this much work. */
    private static final long MAX_CATCH_UP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final long nanosPerChange;
    private final Random random;

    private final Object stepLock = new Object();
    private Workload workload; // guarded by stepLock; created by the first step, from the data it finds

    private final Object lifecycleLock = new Object();
    private Thread thread; // guarded by lifecycleLock
    private boolean closed; // guarded by lifecycleLock
    private volatile boolean running;

    private final AtomicLong changes = new AtomicLong();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    /**
     * @param dataSource a database with the demo schema, usually seeded by {@link DemoSchema#seed}
     * @param changesPerSecond the background thread's pace, in changed rows per second
     * @param seed the seed of every random choice
     * @throws IllegalArgumentException if the rate is not a positive, finite number
     */
    public LoadGenerator(DataSource dataSource, double changesPerSecond, long seed) {
        if (!(changesPerSecond > 0) || Double.isInfinite(changesPerSecond)) {
            throw new IllegalArgumentException("changesPerSecond must be positive and finite, not " + changesPerSecond);
        }
        this.dataSource = dataSource;
        this.nanosPerChange = Math.max(1, Math.round(1e9 / changesPerSecond));
        this.random = new Random(seed);
    }

    /**
     * Starts the background thread.
     *
     * @throws IllegalStateException if already started, or closed
     */
    public void start() {
        synchronized (lifecycleLock) {
            if (closed) {
                throw new IllegalStateException("the load generator is closed");
            }
            if (thread != null) {
                throw new IllegalStateException("the load generator is already started");
            }
            running = true;
            thread = new Thread(this::runPaced, "monobridge-load-generator");
            // A forgotten close must not keep the demo's JVM alive.
            thread.setDaemon(true);
            thread.start();
        }
    }

    /**
     * Runs {@code transactions} steps in the calling thread, then returns. SQL errors are counted, not
     * thrown.
     *
     * @throws IllegalStateException if closed
     */
    public void runSteps(int transactions) {
        synchronized (lifecycleLock) {
            if (closed) {
                throw new IllegalStateException("the load generator is closed");
            }
        }
        for (int i = 0; i < transactions; i++) {
            step();
        }
    }

    /** Rows changed so far, as reported by the statements (rows removed by a cascade are not counted). */
    public long changes() {
        return changes.get();
    }

    /** Transactions committed so far. */
    public long transactions() {
        return transactions.get();
    }

    /** Steps that failed and were rolled back so far. */
    public long errors() {
        return errors.get();
    }

    /** Stops the background thread, if started, and waits for its current step to finish. */
    @Override
    public void close() {
        Thread stopping;
        synchronized (lifecycleLock) {
            closed = true;
            running = false;
            stopping = thread;
        }
        if (stopping == null) {
            return;
        }
        // Unpark rather than interrupt: an interrupt in the middle of a step would turn into an SQL
        // error (the pool refuses interrupted borrowers) and be counted as one.
        LockSupport.unpark(stopping);
        try {
            stopping.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stopping.isAlive()) {
            LOG.warn("the load generator's thread did not stop within {}", STOP_TIMEOUT);
        }
    }

    /**
     * Steps until closed, sleeping after each step for as long as its changed rows take at the given
     * rate. A step that changed nothing costs as much as one row, so that an empty database is not
     * polled in a busy loop.
     */
    private void runPaced() {
        long next = System.nanoTime();
        while (running) {
            int changed;
            try {
                changed = step();
            } catch (RuntimeException e) {
                // A bug, or a closed pool. Either way the demo keeps running; the count shows it.
                countError(e);
                changed = 0;
            }
            next += Math.max(1, changed) * nanosPerChange;
            long now = System.nanoTime();
            if (now - next > MAX_CATCH_UP_NANOS) {
                next = now;
            }
            while (running && next - System.nanoTime() > 0) {
                LockSupport.parkNanos(this, next - System.nanoTime());
            }
        }
    }

    /** One transaction; returns the rows it changed, or 0 if it failed. */
    private int step() {
        synchronized (stepLock) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(false);
                try {
                    if (workload == null) {
                        workload = new Workload(random, WorkloadTargets.read(connection), SqlDialect.of(connection));
                    }
                    int changed = workload.step(connection);
                    connection.commit();
                    changes.addAndGet(changed);
                    transactions.incrementAndGet();
                    return changed;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            } catch (SQLException e) {
                countError(e);
                return 0;
            }
        }
    }

    private void countError(Exception e) {
        long count = errors.incrementAndGet();
        // Logged at 1, 2, 4, 8, ... errors: a persistent fault shows without flooding the log.
        if (Long.bitCount(count) == 1) {
            LOG.warn("load generator step failed ({} failures so far): {}", count, e.toString());
        } else {
            LOG.debug("load generator step failed", e);
        }
    }
}
