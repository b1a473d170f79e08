package dev.monobridge.projector.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;

/**
 * What every {@link RowStateStore} does, whatever keeps the states: run against the in-heap model
 * ({@link RowStatesContractTest}) and against MongoDB with a cache that keeps nothing between hand-overs
 * ({@code MongoRowStateStoreContractTest}), so that every read after a hand-over comes back from the store.
 */
public abstract class RowStateStoreContract {

    protected static final String RUNNER = "public.runner";
    protected static final String RACE_ID = "race_id";
    protected static final Map<String, Set<String>> INDEXED = Map.of(RUNNER, Set.of(RACE_ID));
    private static final Instant NOW = Instant.parse("2026-12-26T18:00:00Z");

    private RowStateStore states;

    /** A store, empty, indexing runners by race. */
    protected abstract RowStateStore emptyStore();

    /** Takes the changes and makes them durable, as the projection store does after the documents. */
    protected abstract RowStateStore.StateChanges handOver(RowStateStore states);

    /** A store opened again on what was made durable, as after a restart. */
    protected abstract RowStateStore reopened();

    @BeforeEach
    void open() {
        states = emptyStore();
    }

    @Test
    void aRowPutIsReadBackByItsKeyAndByItsParentKeyBeforeAndAfterItIsHandedOver() {
        states.put(runner(1, 7L, "Kauto Star", 5));

        assertThat(states.get(id(1)).values()).containsEntry("name", "Kauto Star");
        assertThat(keys(states.children(RUNNER, RACE_ID, 7L))).containsExactly(1L);
        handOver(states);
        states.trim();
        assertThat(states.get(id(1)).values()).containsEntry("name", "Kauto Star");
        assertThat(states.get(id(1)).position()).isEqualTo(position(5));
        assertThat(keys(states.children(RUNNER, RACE_ID, 7L))).containsExactly(1L);
        assertThat(states.get(id(2))).as("a row never seen").isNull();
    }

    @Test
    void aRowMovedToAnotherParentLeavesTheOldParentsChildrenAndJoinsTheNew() {
        states.put(runner(1, 7L, "Denman", 5));
        states.put(runner(2, 7L, "Imperial Call", 6));
        handOver(states);
        states.trim();
        assertThat(keys(states.children(RUNNER, RACE_ID, 7L))).containsExactlyInAnyOrder(1L, 2L);

        states.put(runner(1, 8L, "Denman", 9));

        assertThat(keys(states.children(RUNNER, RACE_ID, 7L))).containsExactly(2L);
        assertThat(keys(states.children(RUNNER, RACE_ID, 8L))).containsExactly(1L);
        handOver(states);
        states.trim();
        assertThat(keys(states.children(RUNNER, RACE_ID, 7L))).containsExactly(2L);
        assertThat(keys(states.children(RUNNER, RACE_ID, 8L))).containsExactly(1L);
    }

    @Test
    void aDeleteMarkerIsReadBackByKeyAndIsNobodysChild() {
        states.put(runner(1, 7L, "Arkle", 5));
        handOver(states);
        states.put(RowState.deleteMarker(id(1), position(6), NOW));
        handOver(states);
        states.trim();

        assertThat(states.get(id(1)).isLive()).isFalse();
        assertThat(states.get(id(1)).position()).isEqualTo(position(6));
        assertThat(states.children(RUNNER, RACE_ID, 7L)).isEmpty();
        assertThat(states.liveKeys(RUNNER)).isEmpty();
    }

    @Test
    void advanceMovesTheRowsPositionOnAndKeepsItsValues() {
        states.put(runner(1, 7L, "Best Mate", 5));
        handOver(states);
        states.trim();

        states.advance(id(1), position(9));
        states.advance(id(1), position(8));

        assertThat(states.get(id(1)).position()).as("never moved back").isEqualTo(position(9));
        assertThat(states.get(id(1)).values()).containsEntry("name", "Best Mate");
        handOver(states);
        states.trim();
        assertThat(states.liveKeysBefore(RUNNER, position(9))).as("rows older than the position it moved to").isEmpty();
        assertThat(states.liveKeysBefore(RUNNER, position(10))).containsExactly(RowKey.of("id", 1L));
    }

    @Test
    void expiringMarkersDropsOnlyTheMarkersMadeBeforeTheCutoffAndHandsThemOverAsRemoved() {
        states.put(RowState.deleteMarker(id(1), position(5), NOW));
        states.put(RowState.deleteMarker(id(2), position(6), NOW.plusSeconds(60)));
        states.put(runner(3, 7L, "Mill House", 7));
        handOver(states);
        states.trim();

        assertThat(states.expireMarkers(NOW)).as("expired at the moment of the first delete").isZero();
        assertThat(states.expireMarkers(NOW.plusSeconds(1))).isEqualTo(1);

        assertThat(states.get(id(1))).isNull();
        assertThat(states.get(id(2)).isLive()).isFalse();
        assertThat(states.get(id(3)).isLive()).isTrue();
        assertThat(handOver(states).removed()).containsExactly(id(1));
        states.trim();
        assertThat(states.get(id(1))).as("gone from the store too").isNull();
        assertThat(states.expireMarkers(NOW.plusSeconds(61))).isEqualTo(1);
    }

    @Test
    void aMarkerWhoseRowCameBackIsNotExpiredWithTheRow() {
        states.put(RowState.deleteMarker(id(1), position(5), NOW));
        handOver(states);
        states.put(runner(1, 7L, "Flyingbolt", 6));

        assertThat(states.expireMarkers(NOW.plusSeconds(1))).isZero();
        assertThat(states.get(id(1)).isLive()).isTrue();
        handOver(states);
        states.trim();
        assertThat(states.expireMarkers(NOW.plusSeconds(1))).isZero();
        assertThat(states.get(id(1)).isLive()).isTrue();
    }

    @Test
    void liveKeysBeforeNamesTheLiveRowsWhoseLastChangeIsOlderThanThePosition() {
        states.put(runner(1, 7L, "Golden Miller", 5));
        states.put(runner(2, 7L, "Dawn Run", 10));
        states.put(runner(3, 7L, "L'Escargot", 3));
        handOver(states);
        states.put(RowState.deleteMarker(id(3), position(4), NOW));

        assertThat(states.liveKeysBefore(RUNNER, position(10))).containsExactly(RowKey.of("id", 1L));
        handOver(states);
        states.trim();
        assertThat(states.liveKeysBefore(RUNNER, position(10))).containsExactly(RowKey.of("id", 1L));
        assertThat(states.liveKeys(RUNNER)).containsExactlyInAnyOrder(RowKey.of("id", 1L), RowKey.of("id", 2L));
    }

    @Test
    void liveRowsWithinFindsTheRowsWhoseMomentFallsAfterTheStartAndUpToTheEndOfTheWindow() {
        Instant start = Instant.parse("2026-12-26T12:00:00Z");
        states.put(withMoment(1, start, 5));
        states.put(withMoment(2, start.plusSeconds(1), 6));
        states.put(withMoment(3, start.plusSeconds(2), 7));
        states.put(withMoment(4, start.plusSeconds(3), 8));
        states.put(runner(5, 7L, "no moment yet", 9));

        assertThat(keys(states.liveRowsWithin(RUNNER, "resulted_at", start, start.plusSeconds(2)))).containsExactlyInAnyOrder(2L, 3L);
        handOver(states);
        states.trim();
        assertThat(keys(states.liveRowsWithin(RUNNER, "resulted_at", start, start.plusSeconds(2)))).containsExactlyInAnyOrder(2L, 3L);
    }

    @Test
    void eachChangeIsHandedOverOnce() {
        states.put(runner(1, 7L, "Sea Pigeon", 5));
        states.put(runner(1, 7L, "Sea Pigeon II", 6));

        RowStateStore.StateChanges first = handOver(states);

        assertThat(first.written()).extracting(RowState::position).containsExactly(position(6));
        assertThat(handOver(states).isEmpty()).isTrue();
    }

    @Test
    void aTruncateMarkerIsKeptNeverMovesBackAndSurvivesAReopen() {
        assertThat(states.truncatedAt(RUNNER)).as("never truncated").isEqualTo(SourcePosition.ZERO);
        states.markTruncated(RUNNER, position(8));
        states.markTruncated(RUNNER, position(6));

        assertThat(states.truncatedAt(RUNNER)).isEqualTo(position(8));
        assertThat(handOver(states).truncated()).containsExactly(Map.entry(RUNNER, position(8)));
        assertThat(handOver(states).isEmpty()).as("handed over once").isTrue();
        RowStateStore reopened = reopened();
        assertThat(reopened.truncatedAt(RUNNER)).isEqualTo(position(8));
        assertThat(reopened.truncatedAt("public.race")).isEqualTo(SourcePosition.ZERO);
        assertThat(reopened.liveKeys(RUNNER)).as("a marker is no row").isEmpty();
    }

    protected static RowId id(long id) {
        return new RowId(RUNNER, RowKey.of("id", id));
    }

    protected static SourcePosition position(long position) {
        return new SourcePosition(position, 0);
    }

    protected static RowState runner(long id, long race, String name, long position) {
        return RowState.live(id(id), Map.of("id", id, RACE_ID, race, "name", name), position(position), NOW);
    }

    private static RowState withMoment(long id, Instant moment, long position) {
        return RowState.live(id(id), Map.of("id", id, RACE_ID, 7L, "resulted_at", moment), position(position), NOW);
    }

    private static List<Object> keys(List<RowState> rows) {
        return rows.stream().map(row -> row.key().singleValue()).toList();
    }
}
