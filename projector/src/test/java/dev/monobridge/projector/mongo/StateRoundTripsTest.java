package dev.monobridge.projector.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.mongodb.client.MongoDatabase;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.Projector;
import dev.monobridge.projector.core.ProjectorStats;
import dev.monobridge.projector.testing.InProcessMongo;

/**
 * What a batch's row-state reads cost in round trips to MongoDB (docs/state-store.md): a few bulk queries
 * per table and level when the cache is cold, whatever the number of changes, and none when it is warm.
 */
class StateRoundTripsTest {

    private static final Instant NOW = Instant.parse("2026-12-26T12:00:00Z");
    private static final int MEETINGS = 5;
    private static final int RACES_PER_MEETING = 10;
    private static final int RUNNERS_PER_RACE = 20;
    private static final int RUNNERS = MEETINGS * RACES_PER_MEETING * RUNNERS_PER_RACE;
    private static final int ROWS = MEETINGS + MEETINGS * RACES_PER_MEETING + RUNNERS;
    /**
     * A cold batch of price moves: the runners by id, their races by id (routing, the level above the
     * root), the meetings by id, the meetings' races and the races' runners by parent key: five, plus the
     * first marker sweep's two (expired markers, and the oldest one left).
     */
    private static final int COLD_BATCH_QUERIES = 7;

    @RegisterExtension
    static final InProcessMongo mongo = InProcessMongo.start();

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private long position;

    @Test
    void aBatchOverAColdCacheCostsTheSameFewQueriesForTenPriceMovesAsForAThousand() {
        assertThat(coldBatchQueries(10)).isEqualTo(coldBatchQueries(1_000)).isLessThanOrEqualTo(COLD_BATCH_QUERIES);
    }

    @Test
    void aBatchOverAWarmCacheReadsNothingFromMongo() {
        MongoDatabase database = mongo.freshDatabase("warm");
        ProjectorStats stats = new ProjectorStats();
        Projector projector = MongoProjectorFactory.open(database, List.of(BoundednessTest.RACING_DAY), Duration.ofHours(1),
                stats, clock);
        projector.accept(racingDay());
        projector.accept(priceMoves(1_000));
        long queries = stats.stateQueries();
        long loaded = stats.rowStatesLoaded();

        projector.accept(priceMoves(1_000));

        assertThat(stats.stateQueries() - queries).as("queries for a batch whose rows are all cached").isZero();
        assertThat(stats.rowStatesLoaded()).isEqualTo(loaded);
    }

    /** Queries to the row states for one batch of price moves, by a projector re-opened before it. */
    private long coldBatchQueries(int moves) {
        MongoDatabase database = mongo.freshDatabase("cold" + moves);
        MongoProjectorFactory.open(database, List.of(BoundednessTest.RACING_DAY), Duration.ofHours(1), new ProjectorStats(), clock)
                .accept(racingDay());
        ProjectorStats stats = new ProjectorStats();
        Projector restarted = MongoProjectorFactory.open(database, List.of(BoundednessTest.RACING_DAY), Duration.ofHours(1),
                stats, clock);
        assertThat(stats.stateQueries()).as("queries at start-up").isZero();

        restarted.accept(priceMoves(moves));

        assertThat(stats.rowStatesLoaded()).as("row states loaded, of %,d remembered", ROWS).isLessThanOrEqualTo(ROWS);
        return stats.stateQueries();
    }

    private List<Change> racingDay() {
        List<Change> changes = new ArrayList<>();
        for (long meeting = 1; meeting <= MEETINGS; meeting++) {
            changes.add(insert("public.meeting", Map.of("id", meeting, "venue", "Venue " + meeting)));
            for (long r = 1; r <= RACES_PER_MEETING; r++) {
                long race = meeting * 100 + r;
                changes.add(insert("public.race", Map.of("id", race, "meeting_id", meeting, "name", "Race " + race,
                        "off_time", NOW.plusSeconds(600 * r))));
                for (long runner = 1; runner <= RUNNERS_PER_RACE; runner++) {
                    changes.add(insert("public.runner", runner(race * 100 + runner, race, BigDecimal.valueOf(2 + runner))));
                }
            }
        }
        return changes;
    }

    /** Price moves spread over every race of every meeting. */
    private List<Change> priceMoves(int moves) {
        List<Change> changes = new ArrayList<>();
        for (int i = 0; i < moves; i++) {
            int index = (int) ((long) i * RUNNERS / moves);
            long race = (index / (RACES_PER_MEETING * RUNNERS_PER_RACE) + 1) * 100 + index / RUNNERS_PER_RACE % RACES_PER_MEETING + 1;
            long runner = race * 100 + index % RUNNERS_PER_RACE + 1;
            changes.add(new Change("public.runner", Op.UPDATE, RowKey.of("id", runner), null,
                    runner(runner, race, BigDecimal.valueOf(position % 50 + 1.5)), next(), NOW, null));
        }
        return changes;
    }

    private static Map<String, Object> runner(long id, long race, BigDecimal price) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("id", id);
        values.put("race_id", race);
        values.put("horse", "Horse " + id);
        values.put("cloth", id % 100);
        values.put("price", price);
        return values;
    }

    private Change insert(String table, Map<String, Object> after) {
        return new Change(table, Op.CREATE, RowKey.of("id", after.get("id")), null, after, next(), NOW, null);
    }

    private SourcePosition next() {
        return new SourcePosition(++position, 0);
    }
}
