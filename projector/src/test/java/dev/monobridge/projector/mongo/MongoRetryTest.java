package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.mongodb.MongoException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.ServerAddress;

import dev.monobridge.projector.core.Conditions;
import dev.monobridge.projector.testing.MovableClock;

class MongoRetryTest {

    private static final Duration TINY = Duration.ofMillis(1);

    private final Conditions conditions = new Conditions();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-26T10:00:00Z"));
    private final MongoRetry retry = new MongoRetry(TINY, TINY, conditions, clock);

    @Test
    void aLostConnectionIsRetriedUntilMongoAnswersAndTheConditionSaysWhyMeanwhile() {
        AtomicInteger attempts = new AtomicInteger();
        List<List<String>> reasonsPerAttempt = new ArrayList<>();

        String result = retry.run("write racing_homepage", () -> {
            reasonsPerAttempt.add(conditions.reasons());
            clock.advance(Duration.ofSeconds(6));
            if (attempts.incrementAndGet() < 3) {
                throw new MongoSocketOpenException("Exception opening socket: Connection refused", new ServerAddress("127.0.0.1", 27017));
            }
            return "acknowledged";
        });

        assertThat(result).isEqualTo("acknowledged");
        assertThat(attempts).hasValue(3);
        assertThat(reasonsPerAttempt.get(0)).as("before the first failure").isEmpty();
        assertThat(reasonsPerAttempt.get(2)).as("what /ready said during the third attempt").containsExactly(
                "MongoDB has not acknowledged writes for 6 s, since 2026-12-26T10:00:06Z (retrying write racing_homepage, attempt 2):"
                        + " Exception opening socket: Connection refused");
        assertThat(conditions.isRaised(MongoRetry.CONDITION)).as("cleared by the acknowledgement").isFalse();
    }

    @Test
    void thereIsNoLimitOnAttempts() {
        AtomicInteger attempts = new AtomicInteger();

        retry.run("write row states", () -> {
            if (attempts.incrementAndGet() <= 500) {
                throw new MongoTimeoutException("Timed out while waiting for a server");
            }
            return null;
        });

        assertThat(attempts).hasValue(501);
    }

    @Test
    void anErrorThatWillNotPassIsThrownAtOnceWithoutARetry() {
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> retry.run("write event_page", () -> {
            attempts.incrementAndGet();
            throw new MongoException(2, "BadValue: unknown operator");
        })).isInstanceOf(MongoException.class).hasMessageContaining("BadValue");

        assertThat(attempts).hasValue(1);
        assertThat(conditions.reasons()).isEmpty();
    }
}
