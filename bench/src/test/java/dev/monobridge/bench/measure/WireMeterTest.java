package dev.monobridge.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class WireMeterTest {

    /** Wire messages of these total lengths (header included), back to back, as a client sends them. */
    private static byte[] messages(int... lengths) {
        ByteBuffer stream = ByteBuffer.allocate(Arrays.stream(lengths).sum()).order(ByteOrder.LITTLE_ENDIAN);
        for (int length : lengths) {
            stream.putInt(length);
            stream.put(new byte[length - 4]);
        }
        return stream.array();
    }

    @Test
    void messagesAreCountedByTheirLengthPrefixWhereverTheReadsSplitThem() {
        byte[] stream = messages(40, 300, 16, 70_000);
        WireMeter.MessageCounter counter = new WireMeter.MessageCounter();
        int counted = 0;
        // Reads of 3 bytes split the length prefixes themselves; the large message spans many reads.
        for (int from = 0; from < stream.length; from += 3) {
            byte[] read = Arrays.copyOfRange(stream, from, Math.min(stream.length, from + 3));
            counted += counter.messagesStarting(read, read.length);
        }
        assertThat(counted).isEqualTo(4);
    }

    @Test
    void oneReadHoldingSeveralMessagesCountsEach() {
        byte[] stream = messages(21, 21, 21);
        assertThat(new WireMeter.MessageCounter().messagesStarting(stream, stream.length)).isEqualTo(3);
    }

    @Test
    void aUriWithSeveralHostsIsRefusedWithTheReason() {
        assertThatThrownBy(() -> WireMeter.start("mongodb://a:27017,b:27017/?replicaSet=rs0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one host");
    }

    @Test
    void theProxiedUriPointsAtTheProxyAndKeepsTheOptions() {
        try (WireMeter meter = WireMeter.start("mongodb://localhost:27017/?appName=x")) {
            assertThat(meter.uri()).startsWith("mongodb://127.0.0.1:").endsWith("/?appName=x&directConnection=true")
                    .doesNotContain("27017");
        }
    }
}
