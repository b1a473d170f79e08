package dev.monobridge.connector.bridge;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.monobridge.connector.demo.SqlDialect;

/**
 * Price moves on runners and selections of the demo schema, on one connection, until stopped: the write
 * load the rebuild tests run a rebuild under, embedded and on Kafka Connect.
 */
public final class PriceStorm implements AutoCloseable {

    private final TestDatabase database;
    private final Random random;
    private final long pauseNanos;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong changes = new AtomicLong();
    private final Thread thread;
    private volatile SQLException failure;

    /** @param pause between two price moves; zero for as fast as the connection goes */
    public PriceStorm(TestDatabase database, long seed, Duration pause) {
        this.database = database;
        this.random = new Random(seed);
        this.pauseNanos = pause.toNanos();
        this.thread = new Thread(this::storm, "price-storm");
    }

    public void start() {
        thread.start();
    }

    private void storm() {
        // MariaDB reads its own table in an update only through a derived table, and writes LIMIT before OFFSET.
        boolean postgres = database.dialect() == SqlDialect.POSTGRES;
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement runner = connection.prepareStatement(postgres
                     ? "update runner set price = ? where id = (select id from runner offset ? limit 1)"
                     : "update runner set price = ? where id = (select id from (select id from runner limit 1 offset ?) r)");
             PreparedStatement selection = connection.prepareStatement(postgres
                     ? "update selection set price = ? where id = (select id from selection offset ? limit 1)"
                     : "update selection set price = ? where id = (select id from (select id from selection limit 1 offset ?) s)")) {
            long runners = database.queryLong("select count(*) from runner");
            long selections = database.queryLong("select count(*) from selection");
            while (running.get()) {
                PreparedStatement statement = random.nextBoolean() ? runner : selection;
                statement.setBigDecimal(1, BigDecimal.valueOf(101 + random.nextInt(2000), 2));
                statement.setLong(2, random.nextInt((int) Math.max(1, statement == runner ? runners : selections)));
                changes.addAndGet(statement.executeUpdate());
                if (pauseNanos > 0) {
                    LockSupport.parkNanos(pauseNanos);
                }
            }
        } catch (SQLException e) {
            failure = e;
        }
    }

    public long changes() {
        return changes.get();
    }

    /** What stopped the storm before it was asked to stop, if anything. */
    public Optional<SQLException> failure() {
        return Optional.ofNullable(failure);
    }

    public void stop() throws InterruptedException {
        running.set(false);
        thread.join();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
