package dev.monobridge.projector.definition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads a configuration file as UTF-8 text, within a size limit checked before reading, so that a huge
 * file is refused at once instead of filling the heap; and a file in another encoding is reported at the
 * line of its first byte that is not UTF-8.
 */
final class ConfigFileText {

    /**
     * The largest configuration file read. The demo's definitions are about 2 KB each and bridge.yaml
     * under 1 KB: a mebibyte is hundreds of times that, and still parses in milliseconds.
     */
    static final int MAX_BYTES = 1024 * 1024;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private ConfigFileText() {
    }

    /** The file's text, or empty with a problem saying why it cannot be used. */
    static Optional<String> read(Path path, Problems problems) {
        String file = path.toString();
        byte[] bytes;
        try {
            if (Files.isRegularFile(path) && Files.size(path) > MAX_BYTES) {
                problems.add(file, 0, tooLarge(Files.size(path)));
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(path)) {
                // Bounded even where the size lies (a pipe, a device, a file that grows while read).
                bytes = in.readNBytes(MAX_BYTES + 1);
            }
        } catch (IOException e) {
            problems.add(file, 0, "cannot read: " + describe(e));
            return Optional.empty();
        }
        if (bytes.length > MAX_BYTES) {
            problems.add(file, 0, "the file is more than " + MAX_BYTES + " bytes, the most a configuration file may have");
            return Optional.empty();
        }
        return decode(file, bytes, problems);
    }

    static String tooLarge(long size) {
        return "the file has " + size + " bytes, more than the " + MAX_BYTES + " a configuration file may have";
    }

    private static Optional<String> decode(String file, byte[] bytes, Problems problems) {
        if (bytes.length >= 2 && ((bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF)
                || (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE))) {
            problems.add(file, 1, "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
            return Optional.empty();
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            problems.add(file, lineOf(bytes, at), String.format("not UTF-8: byte 0x%02X (byte %d of the file) is not valid "
                    + "UTF-8; save the file as UTF-8", bytes[at] & 0xFF, at + 1));
            return Optional.empty();
        }
        out.flip();
        String text = out.toString();
        // A UTF-8 byte order mark is allowed: some editors write one.
        return Optional.of(!text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text);
    }

    private static int lineOf(byte[] bytes, int end) {
        int line = 1;
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String describe(IOException e) {
        String type = e instanceof java.nio.file.NoSuchFileException ? "no such file"
                : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getMessage();
        return type == null ? e.getClass().getSimpleName() : type;
    }
}
