package dev.monobridge.connector.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.apache.kafka.connect.storage.FileOffsetBackingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offsets file is checked before capture starts; files are written by Kafka's own offset store. */
class OffsetsFileTest {

    private static final String KEY = "[\"monobridge-slot\",{\"server\":\"monobridge\"}]";
    private static final String VALUE = "{\"lsn_proc\":27688632,\"lsn_commit\":27688632,\"lsn\":27688632,\"txId\":1862,\"ts_usec\":1796117055192803}";

    @TempDir
    Path work;

    @Test
    void aWholeOffsetsFilePasses() throws Exception {
        Path file = writtenByKafka();

        assertThatCode(() -> OffsetsFile.check(file)).doesNotThrowAnyException();
    }

    @Test
    void noOffsetsFilePassesAndCaptureStartsWithASnapshot() {
        assertThatCode(() -> OffsetsFile.check(work.resolve("offsets.dat"))).doesNotThrowAnyException();
    }

    @Test
    void kafkasOwnStoreReadsATruncatedFileAsNoOffsetsWhichIsWhyTheFileIsChecked() throws Exception {
        Path file = writtenByKafka();
        truncate(file, Files.size(file) / 2);

        assertThat(readByKafka(file)).as("what Kafka's store finds in a truncated file").isEmpty();
    }

    @Test
    void aTruncatedOffsetsFileGivesAClearOneLineErrorNamingTheFileAndWhatToDo() throws Exception {
        Path file = writtenByKafka();
        truncate(file, Files.size(file) - 10);

        assertThatThrownBy(() -> OffsetsFile.check(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("offsets file " + file.toAbsolutePath() + " is truncated (it ends after ")
                .hasMessageContaining("restore it from a backup", "move it aside to start again with a snapshot")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aFileCutAtAnyLengthIsRefused() throws Exception {
        Path whole = writtenByKafka();
        byte[] bytes = Files.readAllBytes(whole);
        List<Integer> accepted = new ArrayList<>();
        for (int length = 0; length < bytes.length; length++) {
            Path cut = work.resolve("cut-" + length);
            Files.write(cut, Arrays.copyOf(bytes, length));
            if (OffsetsFile.problem(cut) == null) {
                accepted.add(length);
            }
        }
        assertThat(accepted).as("lengths (of %d) accepted as a whole offsets file", bytes.length).isEmpty();
    }

    @Test
    void garbageIsNotAnOffsetsFile() throws Exception {
        Path file = work.resolve("offsets.dat");
        Files.writeString(file, "lsn=27688632\n");

        assertThatThrownBy(() -> OffsetsFile.check(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("offsets file " + file.toAbsolutePath() + " is not an offsets file (")
                .hasMessageContaining("move it aside")
                .hasMessageNotContaining("\n");
    }

    @Test
    void aSerializedObjectOtherThanOffsetsIsRefusedWithoutBeingBuilt() throws Exception {
        Path file = work.resolve("offsets.dat");
        try (OutputStream out = Files.newOutputStream(file); ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject(new java.util.ArrayList<>(List.of("not", "offsets")));
        }

        assertThat(OffsetsFile.problem(file)).startsWith("is not an offsets file");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path file = Files.createFile(work.resolve("offsets.dat"));

        assertThat(OffsetsFile.problem(file)).startsWith("is empty");
    }

    /** An offsets file exactly as the engine's store writes it. */
    private Path writtenByKafka() throws Exception {
        Path file = work.resolve("offsets.dat");
        FileOffsetBackingStore store = store(file);
        store.start();
        store.set(Map.of(ByteBuffer.wrap(KEY.getBytes(StandardCharsets.UTF_8)), ByteBuffer.wrap(VALUE.getBytes(StandardCharsets.UTF_8))),
                (error, result) -> { }).get(10, TimeUnit.SECONDS);
        store.stop();
        return file;
    }

    private static Map<ByteBuffer, ByteBuffer> readByKafka(Path file) throws Exception {
        FileOffsetBackingStore store = store(file);
        store.start();
        try {
            return store.get(List.of(ByteBuffer.wrap(KEY.getBytes(StandardCharsets.UTF_8)))).get(10, TimeUnit.SECONDS).entrySet().stream()
                    .filter(entry -> entry.getValue() != null)
                    .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        } finally {
            store.stop();
        }
    }

    private static FileOffsetBackingStore store(Path file) {
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "false"), true);
        FileOffsetBackingStore store = new FileOffsetBackingStore(keys);
        store.configure(new StandaloneConfig(Map.of(
                // Required by the worker's config, and never contacted by the file store.
                "bootstrap.servers", "localhost:9092",
                "offset.storage.file.filename", file.toString(),
                "key.converter", JsonConverter.class.getName(),
                "value.converter", JsonConverter.class.getName())));
        return store;
    }

    private static void truncate(Path file, long length) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, (int) length));
    }
}
