package dev.monobridge.connector.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.StreamCorruptedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the engine's offsets file before capture starts, because Kafka's file offset store is too
 * forgiving: it reads a truncated file as "no offsets" and silently takes a new snapshot, and it fails
 * on a garbled one with a stack trace deep in the engine. Here:
 * <ul>
 *   <li>no file: capture starts with a snapshot of the captured tables, which is safe (its end makes
 *       every document equal the snapshot, and nothing unchanged is rewritten); said in the log;</li>
 *   <li>a file that is not a whole offsets file (truncated, garbled, something else): start-up stops
 *       with one line naming the file and the two ways on: restore it, or move it aside.</li>
 * </ul>
 * The format is Kafka's {@code FileOffsetBackingStore}: one serialized {@code HashMap<byte[], byte[]>}
 * (a JSON key naming the connector and partition, and a JSON value holding the position), written to a
 * temporary file and renamed, so that a whole file is never a half-written one.
 */
public final class OffsetsFile {

    private static final Logger LOG = LoggerFactory.getLogger(OffsetsFile.class);

    /**
     * Only what the offsets store writes may be deserialized: a map of byte arrays, nothing else (the
     * {@code Map.Entry} array is the table HashMap allocates as it reads itself).
     */
    private static final ObjectInputFilter ONLY_A_MAP_OF_BYTES =
            ObjectInputFilter.Config.createFilter("java.util.HashMap;java.util.Map$Entry;[B;maxdepth=3;!*");

    private static final String WHAT_TO_DO = "restore it from a backup to resume where capture stopped, or move it aside"
            + " to start again with a snapshot of the source (safe: at the snapshot's end every document equals the source)";

    private OffsetsFile() {
    }

    /**
     * @throws IllegalStateException (one line, naming the file and what to do) if the file exists and is not
     *     a whole offsets file
     */
    public static void check(Path file) {
        if (!Files.exists(file)) {
            LOG.info("No offsets file at {}: capture starts with a snapshot of the captured tables", file.toAbsolutePath());
            return;
        }
        String problem = problem(file);
        if (problem != null) {
            throw new IllegalStateException("offsets file " + file.toAbsolutePath() + " " + problem + "; " + WHAT_TO_DO);
        }
    }

    /** What is wrong with the file, or null when it is a whole offsets file. */
    static String problem(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
        if (size == 0) {
            return "is empty (the offsets store never writes an empty file)";
        }
        try (InputStream in = Files.newInputStream(file); ObjectInputStream objects = new ObjectInputStream(in)) {
            objects.setObjectInputFilter(ONLY_A_MAP_OF_BYTES);
            Object offsets = objects.readObject();
            if (!(offsets instanceof Map<?, ?> map)) {
                return "is not an offsets file (it holds a " + offsets.getClass().getName() + ", not a map of offsets)";
            }
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof byte[]) || !(entry.getValue() == null || entry.getValue() instanceof byte[])) {
                    return "is not an offsets file (its map holds something other than offsets)";
                }
            }
            return null;
        } catch (EOFException e) {
            return "is truncated (it ends after " + size + " bytes)";
        } catch (StreamCorruptedException e) {
            return "is not an offsets file (" + e.getMessage() + ")";
        } catch (InvalidClassException e) {
            return "is not an offsets file (it holds objects the offsets store never writes)";
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            return "cannot be read as offsets (" + e + ")";
        }
    }
}
