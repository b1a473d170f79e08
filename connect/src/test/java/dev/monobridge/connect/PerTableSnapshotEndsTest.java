package dev.monobridge.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;

class PerTableSnapshotEndsTest {

    private static final SourcePosition POSITION = new SourcePosition(900, 0);
    private static final Instant COMMIT = Instant.parse("2026-12-26T13:40:00Z");

    private static Change read(String table) {
        return new Change(table, Op.READ, RowKey.of("id", 1L), null, Map.of("id", 1L), POSITION, COMMIT, "7");
    }

    private static Change end(String table) {
        return new Change(table, Op.SNAPSHOT_END, null, null, null, POSITION, COMMIT, "7");
    }

    @Test
    void theWholeSnapshotsLastMarkEndsOnlyTheTableOfItsOwnTopic() {
        List<Change> changes = PerTableSnapshotEnds.of(List.of(read("public.runner"), end(Op.ALL_TABLES)));

        assertThat(changes).containsExactly(read("public.runner"), end("public.runner"));
    }

    @Test
    void rowChangesAndATablesOwnEndPassUnchanged() {
        List<Change> changes = List.of(read("public.race"), end("public.race"));

        assertThat(PerTableSnapshotEnds.of(changes)).isSameAs(changes);
    }
}
