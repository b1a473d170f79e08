package dev.monobridge.projector.core;

import static dev.monobridge.projector.core.Fixtures.NOW;
import static dev.monobridge.projector.core.Fixtures.RACE_CARD;
import static dev.monobridge.projector.core.Fixtures.delete;
import static dev.monobridge.projector.core.Fixtures.insert;
import static dev.monobridge.projector.core.Fixtures.position;
import static dev.monobridge.projector.core.Fixtures.price;
import static dev.monobridge.projector.core.Fixtures.projecting;
import static dev.monobridge.projector.core.Fixtures.row;
import static dev.monobridge.projector.core.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.core.Fixtures.Projecting;

class RowStatesTest {

    private static final Duration GRACE = Duration.ofMinutes(10);

    @Test
    void expiringMarkersReturnsTheStoreToItsSizeBeforeTheDeletedRowsCame() {
        Projecting racing = projecting(RACE_CARD);
        racing.project(runners(1, 100));
        int sizeBefore = racing.states().size();
        racing.project(runners(101, 200));
        List<Change> deletes = new ArrayList<>();
        for (int id = 101; id <= 200; id++) {
            deletes.add(delete("public.runner", 1_000 + id, "id", id));
        }
        racing.project(deletes);
        assertThat(racing.states().size()).as("live rows and delete markers").isEqualTo(sizeBefore + 100);

        int expired = racing.states().expireMarkers(NOW.plus(GRACE));

        assertThat(expired).isEqualTo(100);
        assertThat(racing.states().size()).isEqualTo(sizeBefore);
        assertThat(racing.states().markerCount()).isZero();
        assertThat(racing.states().children("public.runner", "race_id", 1L)).hasSize(100);
    }

    @Test
    void aMarkerIsKeptUntilItsGracePeriodHasPassed() {
        RowStates states = new RowStates(Map.of());
        states.put(RowState.deleteMarker(id(1), position(5), NOW));

        assertThat(states.expireMarkers(NOW)).as("expired at the moment of the delete").isZero();
        assertThat(states.expireMarkers(NOW.plusMillis(1))).as("expired just after it").isEqualTo(1);
        assertThat(states.get(id(1))).isNull();
    }

    @Test
    void expiredMarkersAreHandedOverAsRemovals() {
        RowStates states = new RowStates(Map.of());
        states.put(RowState.deleteMarker(id(1), position(5), NOW));
        states.takeChanges();

        states.expireMarkers(NOW.plus(GRACE));

        assertThat(states.takeChanges()).isEqualTo(new RowStateStore.StateChanges(List.of(), List.of(id(1))));
    }

    @Test
    void aRowThatCameBackOutlivesItsOldMarker() {
        RowStates states = new RowStates(Map.of());
        states.put(RowState.deleteMarker(id(1), position(5), NOW));
        states.put(RowState.live(id(1), row("id", 1L), position(6), NOW.plusSeconds(1)));

        assertThat(states.expireMarkers(NOW.plus(GRACE))).isZero();
        assertThat(states.get(id(1)).isLive()).as("the row is live").isTrue();
    }

    @Test
    void aChildLeavesTheParentIndexWhenItMovesOrIsDeleted() {
        Projecting racing = projecting(RACE_CARD);
        racing.project(runners(1, 3));

        racing.project(update("public.runner", 10, "id", 1, "race_id", 2, "horse", "Horse 1", "cloth", 1, "price", price("3.00")),
                delete("public.runner", 11, "id", 2));

        assertThat(racing.states().children("public.runner", "race_id", 1L)).extracting(RowState::key)
                .containsExactly(RowKey.of("id", 3L));
        assertThat(racing.states().children("public.runner", "race_id", 2L)).extracting(RowState::key)
                .containsExactly(RowKey.of("id", 1L));
    }

    /**
     * After a restart the markers are loaded in whatever order the store returns them, which need not
     * be the order they were made in. An older marker behind a newer one must still expire on time.
     */
    @Test
    void markersLoadedOutOfOrderStillExpireOnTime() {
        RowStates states = new RowStates(Map.of("public.runner", Set.of()));
        Instant older = NOW.minus(Duration.ofHours(2));
        states.load(RowState.deleteMarker(id(2), position(9), NOW));
        states.load(RowState.deleteMarker(id(1), position(5), older));

        int expired = states.expireMarkers(older.plus(GRACE));

        assertThat(expired).isEqualTo(1);
        assertThat(states.get(id(1))).isNull();
        assertThat(states.get(id(2))).isNotNull();
    }

    private static RowId id(long key) {
        return new RowId("public.runner", RowKey.of("id", key));
    }

    /** Race 1 and its runners from..to, each insert at the position of its id. */
    private static List<Change> runners(int from, int to) {
        List<Change> changes = new ArrayList<>();
        changes.add(insert("public.race", 1, "id", 1, "name", "King George VI Chase"));
        for (int id = from; id <= to; id++) {
            changes.add(insert("public.runner", 1 + id, "id", id, "race_id", 1, "horse", "Horse " + id, "cloth", id,
                    "price", price("10.00")));
        }
        return changes;
    }
}
