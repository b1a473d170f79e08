package dev.monobridge.projector.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Issue 14, point 9: deletes the stream has yet to reach are not called deletes it missed. */
class UnseenRowsTest {

    @Test
    void rowsGoneBeforeTheStreamReachedTheirDeletesAreNoWarning() {
        UnseenRows note = UnseenRows.note("orders", "inventory.orders", 2, false);

        assertThat(note.missed()).isFalse();
        assertThat(note.message()).doesNotContain("without the bridge seeing it")
                .contains("2 rows of inventory.orders were deleted in the source after the position the stream has reached");
    }

    @Test
    void rowsGoneAlthoughTheStreamPassedTheSnapshotAreAWarning() {
        UnseenRows note = UnseenRows.note("orders", "inventory.orders", 2, true);

        assertThat(note.missed()).isTrue();
        assertThat(note.message()).isEqualTo("Rebuild of orders: 2 rows of inventory.orders were deleted in the source without the bridge seeing it");
    }
}
