package dev.monobridge.projector.mongo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import dev.monobridge.projector.core.Conditions;

/**
 * The one place that decides which MongoDB errors may pass, and retries those with exponential
 * backoff for as long as it takes: there is no limit on attempts, and nothing is ever skipped. Waiting
 * is the safe choice: the caller does not return, so the source's offsets stay where they are, and the
 * replication slot keeps the changes, until MongoDB is back. An error that will not pass (MongoDB
 * refusing this request) is thrown at once.
 *
 * <p>While it waits it raises the condition {@value #CONDITION}, saying since when and why, so that
 * {@code /ready} tells an operator what the bridge is waiting for; the first success clears it.
 */
public final class MongoRetry {

    /** The name of the condition raised while MongoDB does not acknowledge. */
    public static final String CONDITION = "mongo";

    private static final Logger LOG = LoggerFactory.getLogger(MongoRetry.class);

    private final Duration initialDelay;
    private final Duration maxDelay;
    private final Conditions conditions;
    private final Clock clock;

    public MongoRetry(Duration initialDelay, Duration maxDelay, Conditions conditions, Clock clock) {
        this.initialDelay = initialDelay;
        this.maxDelay = maxDelay;
        this.conditions = conditions;
        this.clock = clock;
    }

    /**
     * From 0.1 s, doubling, up to 30 s between attempts: quick after a blip, and at most one attempt
     * every 30 s (each of which also waits for the driver's server selection, 10 s in the bridge) during an outage.
     */
    public static MongoRetry standard(Conditions conditions) {
        return new MongoRetry(Duration.ofMillis(100), Duration.ofSeconds(30), conditions, Clock.systemUTC());
    }

    /** As {@link #standard(Conditions)}, for callers that report no conditions. */
    public static MongoRetry standard() {
        return standard(new Conditions());
    }

    public <T> T run(String what, Supplier<T> action) {
        Duration delay = initialDelay;
        Instant failingSince = null;
        for (int attempt = 1; ; attempt++) {
            try {
                T result = action.get();
                // Any acknowledgement means MongoDB answers again, also for a condition raised by another thread.
                if (conditions.isRaised(CONDITION)) {
                    conditions.clear(CONDITION);
                }
                if (failingSince != null) {
                    LOG.info("{} succeeded after {} attempts; MongoDB answered again after {} s", what, attempt,
                            Duration.between(failingSince, clock.instant()).toSeconds());
                }
                return result;
            } catch (MongoException e) {
                if (!isRetriable(e)) {
                    throw e;
                }
                if (failingSince == null) {
                    failingSince = clock.instant();
                }
                long seconds = Duration.between(failingSince, clock.instant()).toSeconds();
                conditions.raise(CONDITION, String.format(Locale.ROOT,
                        "MongoDB has not acknowledged writes for %d s, since %s (retrying %s, attempt %d): %s",
                        seconds, failingSince.truncatedTo(ChronoUnit.SECONDS), what, attempt, e.getMessage()));
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
