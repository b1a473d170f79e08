package dev.monobridge.projector.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SourcePositionTest {

    /** Edge values and random ones across the whole range, including the widths of real LSNs. */
    private static List<SourcePosition> positions() {
        List<SourcePosition> positions = new ArrayList<>(List.of(
                SourcePosition.ZERO, new SourcePosition(0, 1), new SourcePosition(1, 0), new SourcePosition(15, 16),
                new SourcePosition(16, 15), new SourcePosition(Long.MAX_VALUE, 0), new SourcePosition(0, Long.MAX_VALUE),
                new SourcePosition(Long.MAX_VALUE, Long.MAX_VALUE), new SourcePosition(0x1_6B37_4D48L, 0x1_6B37_4D90L)));
        Random random = new Random(26_12_2026);
        for (int i = 0; i < 2_000; i++) {
            long commit = (random.nextLong() >>> 1) >>> random.nextInt(63);
            long event = random.nextBoolean() ? commit + random.nextInt(1_000) & Long.MAX_VALUE : random.nextLong() >>> 1;
            positions.add(new SourcePosition(commit, event));
        }
        return positions;
    }

    @Test
    void theTextFormSortsLikeTheValues() {
        List<SourcePosition> byValue = new ArrayList<>(positions());
        byValue.sort(Comparator.naturalOrder());
        List<SourcePosition> byText = new ArrayList<>(positions());
        byText.sort(Comparator.comparing(SourcePosition::toString));

        assertThat(byText).isEqualTo(byValue);
    }

    @Test
    void theTextFormRoundTripsThroughParse() {
        for (SourcePosition position : positions()) {
            assertThat(SourcePosition.parse(position.toString())).isEqualTo(position);
        }
    }

    @Test
    void theTransactionOrdersBeforeTheChangeInsideIt() {
        assertThat(new SourcePosition(1, 999)).isLessThan(new SourcePosition(2, 0));
        assertThat(new SourcePosition(2, 1).isAfter(new SourcePosition(2, 0))).as("(2,1) after (2,0)").isTrue();
        assertThat(SourcePosition.max(new SourcePosition(2, 1), new SourcePosition(1, 7))).isEqualTo(new SourcePosition(2, 1));
    }

    @Test
    void aNegativePositionIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SourcePosition(-1, 0));
        assertThatIllegalArgumentException().isThrownBy(() -> new SourcePosition(0, -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "0000000000000005", "0000000000000005-0000000000000000",
            "000000000000005:00000000000000000", "0000000000000005:000000000000000", "ZZZZZZZZZZZZZZZZ:0000000000000000",
            "8000000000000000:0000000000000000"})
    void parseRefusesTextThatIsNotAPosition(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> SourcePosition.parse(text));
    }
}
