package dev.monobridge.projector.mongo;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/**
 * The one place that decides which MongoDB errors may pass, and retries those with exponential
 * backoff for as long as it takes. Waiting is the safe choice: the source's offsets stay where they
 * are, and the replication slot keeps the changes, until MongoDB is back.
 */
public final class MongoRetry {

    private static final Logger LOG = LoggerFactory.getLogger(MongoRetry.class);

    private final Duration initialDelay;
    private final Duration maxDelay;

    public MongoRetry(Duration initialDelay, Duration maxDelay) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
    }

    public static MongoRetry standard() {
        return new MongoRetry(Duration.ofMillis(100), Duration.ofSeconds(30));
    }

    public <T> T run(String what, Supplier<T> action) {
        Duration delay = initialDelay;
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (MongoException e) {
                if (!isRetriable(e)) {
                    throw e;
                }
                LOG.warn("{} failed (attempt {}), retrying in {} ms: {}", what, attempt, delay.toMillis(), e.getMessage());
                pause(delay, what, e);
                delay = delay.multipliedBy(2).compareTo(maxDelay) > 0 ? maxDelay : delay.multipliedBy(2);
            }
        }
    }

    /** Errors that say "not now" rather than "not this": connectivity, elections, timeouts. */
    static boolean isRetriable(MongoException e) {
        return e instanceof MongoSocketException
                || e instanceof MongoTimeoutException
                || e instanceof MongoNotPrimaryException
                || e instanceof MongoNodeIsRecoveringException
                || e.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                || e.hasErrorLabel("RetryableWriteError");
    }

    private static void pause(Duration delay, String what, MongoException cause) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            MongoException stopped = new MongoException("stopped while retrying: " + what, cause);
            throw stopped;
        }
    }
}
