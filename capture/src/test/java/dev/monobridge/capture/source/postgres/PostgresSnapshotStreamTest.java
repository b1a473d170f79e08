package dev.monobridge.capture.source.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.SourcePosition;

/**
 * Whether the stream has passed a snapshot taken at a WAL position: the rebuild warns of deletes it
 * missed only then (issue 14, point 9).
 */
class PostgresSnapshotStreamTest {

    private static final long SNAPSHOT_LSN = 24_023_200;

    @Test
    void aStreamStillBeforeTheSnapshotsWalPositionHasNotPassedIt() {
        // The last position applied noted when the rebuild began: the deletes after it are still to come.
        assertThat(PostgresSnapshotReader.passed(new SourcePosition(24_023_128, 24_023_160), SNAPSHOT_LSN)).isFalse();
    }

    @Test
    void aStreamThatAppliedAChangeWrittenAfterTheSnapshotHasPassedIt() {
        assertThat(PostgresSnapshotReader.passed(new SourcePosition(24_023_128, 24_023_300), SNAPSHOT_LSN)).isTrue();
        assertThat(PostgresSnapshotReader.passed(new SourcePosition(24_023_200, 24_023_232), SNAPSHOT_LSN)).isTrue();
    }
}
