package dev.monobridge.projector.golden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.change.Unavailable;

/** The golden cases' conventions (golden/README.md) are what the harness really does. */
class ChangesFileTest {

    @Test
    void valuesTakeTheTypesTheReadmeGives() {
        List<ChangesFile.Batch> batches = ChangesFile.read("changes.yaml", """
                - op: c
                  table: public.runner
                  pos: 1
                  key: {id: 7}
                  after:
                    id: 7
                    price: 2.50
                    stake: !decimal 3
                    weight: !double 61.5
                    off: !instant 2026-12-26T13:30:00Z
                    day: !date 2026-12-26
                    notes: !unavailable
                    form: __unavailable__
                    going: null
                """);

        Change change = batches.get(0).changes().get(0);
        assertThat(change.after().get("price")).isEqualTo(new BigDecimal("2.50"));
        assertThat(change.after().get("stake")).isEqualTo(new BigDecimal("3"));
        assertThat(change.after().get("weight")).isEqualTo(61.5);
        assertThat(change.after().get("off")).isEqualTo(Instant.parse("2026-12-26T13:30:00Z"));
        assertThat(change.after().get("day")).isEqualTo(LocalDate.parse("2026-12-26"));
        assertThat(change.after().get("notes")).isSameAs(Unavailable.VALUE);
        assertThat(change.after().get("form")).isSameAs(Unavailable.VALUE);
        assertThat(change.after()).containsEntry("going", null);
    }

    @Test
    void positionsAndCommitTimesFollowPos() {
        List<ChangesFile.Batch> batches = ChangesFile.read("changes.yaml", """
                - {op: c, table: public.race, pos: 5, key: {id: 1}, after: {id: 1}}
                - {op: d, table: public.race, pos: [5, 2], key: {id: 1}, before: {id: 1}, tx: "771"}
                - {op: t, table: public.race, pos: 9}
                """);

        assertThat(batches).extracting(batch -> batch.changes().get(0)).containsExactly(
                new Change("public.race", Op.CREATE, RowKey.of("id", 1), null, Map.of("id", 1),
                        new SourcePosition(5, 0), Instant.parse("2026-12-26T12:00:05Z"), "tx-5"),
                new Change("public.race", Op.DELETE, RowKey.of("id", 1), Map.of("id", 1), null,
                        new SourcePosition(5, 2), Instant.parse("2026-12-26T12:00:05Z"), "771"),
                new Change("public.race", Op.TRUNCATE, null, null, null,
                        new SourcePosition(9, 0), Instant.parse("2026-12-26T12:00:09Z"), "tx-9"));
    }

    @Test
    void changesWithTheSameBatchNumberGoToOneBatch() {
        List<ChangesFile.Batch> batches = ChangesFile.read("changes.yaml", """
                - {op: c, table: public.race, pos: 1, key: {id: 1}, after: {id: 1}, batch: 1, writes: 1}
                - {op: c, table: public.race, pos: 2, key: {id: 2}, after: {id: 2}, batch: 1}
                - {op: c, table: public.race, pos: 3, key: {id: 3}, after: {id: 3}}
                - {op: c, table: public.race, pos: 4, key: {id: 4}, after: {id: 4}, writes: 0}
                """);

        assertThat(batches).extracting(batch -> batch.changes().size()).containsExactly(2, 1, 1);
        assertThat(batches).extracting(ChangesFile.Batch::expectedWrites)
                .containsExactly(OptionalInt.of(1), OptionalInt.empty(), OptionalInt.of(0));
    }

    @Test
    void anAdvanceItemClosesTheBatchBeforeItAndIsAStepOfItsOwn() {
        List<ChangesFile.Batch> batches = ChangesFile.read("changes.yaml", """
                - {op: c, table: public.race, pos: 1, key: {id: 1}, after: {id: 1}, batch: 1}
                - {advance: 31m, writes: 1}
                - {op: c, table: public.race, pos: 2, key: {id: 2}, after: {id: 2}, batch: 2}
                - {advance: 90s}
                - {advance: 2h}
                - {advance: 7d}
                """);

        assertThat(batches).extracting(ChangesFile.Batch::advance).containsExactly(
                Duration.ZERO, Duration.ofMinutes(31), Duration.ZERO, Duration.ofSeconds(90), Duration.ofHours(2),
                Duration.ofDays(7));
        assertThat(batches).extracting(ChangesFile.Batch::isAdvance).containsExactly(false, true, false, true, true, true);
        assertThat(batches.get(1).changes()).isEmpty();
        assertThat(batches.get(1).expectedWrites()).isEqualTo(OptionalInt.of(1));
    }

    @Test
    void deadLettersAreACountOrTheTextsTheirReasonsContain() {
        List<ChangesFile.Batch> batches = ChangesFile.read("changes.yaml", """
                - {op: c, table: public.race, pos: 1, key: {id: 1}, after: {id: 1}}
                - {op: c, table: public.race, pos: 2, key: {id: 2}, after: {id: 2}, dead-letters: 2}
                - {op: c, table: public.race, pos: 3, key: {id: 3}, after: {id: 3}, dead-letters: ["over max-bytes 520"]}
                - {advance: 1m, dead-letters: 1}
                """);

        assertThat(batches).extracting(ChangesFile.Batch::expectedDeadLetters).containsExactly(
                List.of(), List.of("", ""), List.of("over max-bytes 520"), List.of(""));
    }

    @Test
    void aBadAdvanceIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChangesFile.read("changes.yaml", "- {advance: 31 minutes}"))
                .withMessageContaining("changes.yaml item 1: 'advance' must be a duration above zero such as 90s, 31m, 2h or 7d");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChangesFile.read("changes.yaml", "- {advance: 0s}"))
                .withMessageContaining("'advance' must be a duration above zero");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChangesFile.read("changes.yaml", """
                        - {op: c, table: public.race, pos: 1, key: {id: 1}, after: {id: 1}, batch: 1}
                        - {advance: 5m}
                        - {op: c, table: public.race, pos: 2, key: {id: 2}, after: {id: 2}, batch: 1}
                        """))
                .withMessageContaining("item 3: batch 1 is not contiguous");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChangesFile.read("changes.yaml", "- {advance: 5m, op: c, table: public.race, pos: 1}"))
                .withMessageContaining("an 'advance' item takes only [advance, dead-letters, writes], not [op, pos, table]");
    }

    @Test
    void aMistypedKeyOrABatchSplitInTwoIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChangesFile.read("changes.yaml", "- {op: c, table: public.race, pos: 1, key: {id: 1}, aftr: {id: 1}}"))
                .withMessageContaining("changes.yaml item 1: unknown keys [aftr]");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ChangesFile.read("changes.yaml", """
                        - {op: c, table: public.race, pos: 1, key: {id: 1}, after: {id: 1}, batch: 1}
                        - {op: c, table: public.race, pos: 2, key: {id: 2}, after: {id: 2}, batch: 2}
                        - {op: c, table: public.race, pos: 3, key: {id: 3}, after: {id: 3}, batch: 1}
                        """))
                .withMessageContaining("item 3: batch 1 is not contiguous");
    }
}
