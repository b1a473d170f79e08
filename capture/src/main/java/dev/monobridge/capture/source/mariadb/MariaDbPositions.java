package dev.monobridge.capture.source.mariadb;

import org.apache.kafka.connect.data.Struct;

import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.SourcePosition;

/**
 * Reads a comparable {@link SourcePosition} from the {@code source} block of a MariaDB change event.
 *
 * <p>MariaDB writes a transaction to the binlog when it commits, whole, so the binlog's order is the
 * commit order. The event's {@code file} and {@code pos} (where its row event starts) and {@code row}
 * (the row within that event) therefore order every change: file first, then offset, then row.
 * {@code commit} packs the file's sequence number and the offset, {@code event} is the row. Files only
 * grow in number, across restarts and rotation, so positions compare across both. (The offset the
 * connector keeps is the transaction's start, the same for every change in it: it cannot order them.)
 *
 * <p>A snapshot read carries the binlog position the snapshot was taken at: the end of the binlog then.
 * It gets row 0 at that position; every change committed after the snapshot starts beyond it (its GTID
 * event comes first, at that position or later), so it orders after every snapshot read, and every
 * change the snapshot saw orders before.
 */
final class MariaDbPositions {

    /**
     * Bits of {@code commit} that hold the offset within a file: a binlog file is at most 1 GiB
     * ({@code max_binlog_size}), far below 2^40 (a transaction larger than that still fits).
     */
    static final int OFFSET_BITS = 40;
    private static final long MAX_OFFSET = (1L << OFFSET_BITS) - 1;
    /** What is left of a non-negative long for the file's number: over 8 million files. */
    private static final long MAX_FILE_NUMBER = (1L << (Long.SIZE - 1 - OFFSET_BITS)) - 1;

    SourcePosition of(Struct source, Op op) {
        long commit = packed(source.getString("file"), source.getInt64("pos"));
        if (op == Op.READ) {
            return new SourcePosition(commit, 0);
        }
        Object row = source.get("row");
        return new SourcePosition(commit, row == null ? 0 : ((Number) row).longValue());
    }

    /** A binlog file ({@code binlog.000042}) and an offset in it, as one comparable number. */
    static long packed(String file, long offset) {
        long number = fileNumber(file);
        if (offset < 0 || offset > MAX_OFFSET) {
            throw new IllegalArgumentException("binlog offset " + offset + " in " + file + " lies outside 0.." + MAX_OFFSET);
        }
        return number << OFFSET_BITS | offset;
    }

    /** The binlog file's sequence number: the digits after its last dot. */
    static long fileNumber(String file) {
        int dot = file == null ? -1 : file.lastIndexOf('.');
        if (dot < 0 || dot == file.length() - 1) {
            throw new IllegalArgumentException("not a binlog file name: '" + file + "'");
        }
        long number;
        try {
            number = Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a binlog file name: '" + file + "'", e);
        }
        if (number < 0 || number > MAX_FILE_NUMBER) {
            throw new IllegalArgumentException("binlog file number " + number + " of " + file + " lies outside 0.." + MAX_FILE_NUMBER);
        }
        return number;
    }

    static long fileNumberOf(long commit) {
        return commit >>> OFFSET_BITS;
    }

    static long offsetOf(long commit) {
        return commit & MAX_OFFSET;
    }
}
