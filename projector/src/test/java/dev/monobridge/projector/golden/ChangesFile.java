package dev.monobridge.projector.golden;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;

/**
 * Reads a golden case's {@code changes.yaml}: a list of changes, grouped into the batches the projector
 * is given. The format is described in {@code golden/README.md}.
 */
final class ChangesFile {

    /** Commit times are derived from positions, so that a case never has to spell them out. */
    static final Instant EPOCH = Instant.parse("2026-12-26T12:00:00Z");

    private static final Set<String> KEYS = Set.of("op", "table", "pos", "key", "before", "after", "batch", "tx", "writes");

    private ChangesFile() {
    }

    /** The changes of one {@code project()} call, and how many document writes the case expects from it. */
    record Batch(List<Change> changes, OptionalInt expectedWrites, String description) {
    }

    static List<Batch> read(String file, String text) {
        Object loaded = GoldenYaml.load(file, text);
        if (!(loaded instanceof List<?> items)) {
            throw new IllegalArgumentException(file + ": expected a list of changes");
        }
        List<Batch> batches = new ArrayList<>();
        List<Change> current = new ArrayList<>();
        List<Integer> currentItems = new ArrayList<>();
        Set<Object> closedBatchNumbers = new java.util.HashSet<>();
        Object currentNumber = null;
        Integer currentWrites = null;
        for (int i = 0; i < items.size(); i++) {
            String where = file + " item " + (i + 1);
            Map<String, Object> item = map(items.get(i), where);
            Object number = item.get("batch");
            boolean continues = number != null && number.equals(currentNumber);
            if (!continues && !current.isEmpty()) {
                batches.add(batch(current, currentWrites, currentItems));
                closedBatchNumbers.add(currentNumber);
                current = new ArrayList<>();
                currentItems = new ArrayList<>();
                currentWrites = null;
            }
            if (number != null && !continues && closedBatchNumbers.contains(number)) {
                throw new IllegalArgumentException(where + ": batch " + number + " is not contiguous; list a batch's changes together");
            }
            currentNumber = number;
            Integer writes = (Integer) item.get("writes");
            if (writes != null && currentWrites != null && !writes.equals(currentWrites)) {
                throw new IllegalArgumentException(where + ": 'writes' disagrees with an earlier item of the same batch");
            }
            currentWrites = writes != null ? writes : currentWrites;
            current.add(change(item, where));
            currentItems.add(i + 1);
        }
        if (!current.isEmpty()) {
            batches.add(batch(current, currentWrites, currentItems));
        }
        return batches;
    }

    private static Batch batch(List<Change> changes, Integer writes, List<Integer> items) {
        String which = items.size() == 1 ? "change " + items.get(0) : "changes " + items.get(0) + "-" + items.get(items.size() - 1);
        return new Batch(List.copyOf(changes), writes == null ? OptionalInt.empty() : OptionalInt.of(writes),
                which + " " + changes);
    }

    private static Change change(Map<String, Object> item, String where) {
        Set<String> unknown = new TreeSet<>(item.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + ": unknown keys " + unknown + " (known: " + new TreeSet<>(KEYS) + ")");
        }
        Op op = Op.fromCode(text(item, "op", where));
        String table = text(item, "table", where);
        SourcePosition position = position(item.get("pos"), where);
        RowKey key = item.containsKey("key") ? new RowKey(columns(item.get("key"), where + " key")) : null;
        Map<String, Object> before = item.containsKey("before") ? columns(item.get("before"), where + " before") : null;
        Map<String, Object> after = item.containsKey("after") ? columns(item.get("after"), where + " after") : null;
        String tx = item.containsKey("tx") ? String.valueOf(item.get("tx")) : "tx-" + position.commit();
        try {
            return new Change(table, op, key, before, after, position, EPOCH.plusSeconds(position.commit()), tx);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /** {@code pos: N} is position (N, 0); {@code pos: [N, M]} is (N, M). */
    static SourcePosition position(Object pos, String where) {
        if (pos instanceof Number commit) {
            return new SourcePosition(commit.longValue(), 0);
        }
        if (pos instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Number commit
                && pair.get(1) instanceof Number event) {
            return new SourcePosition(commit.longValue(), event.longValue());
        }
        throw new IllegalArgumentException(where + ": 'pos' must be N or [N, M], not " + pos);
    }

    private static Map<String, Object> columns(Object value, String where) {
        Map<String, Object> columns = new LinkedHashMap<>();
        map(value, where).forEach((column, v) -> columns.put(column, GoldenYaml.columnValue(v)));
        return columns;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(where + ": expected a mapping, not " + value);
        }
        return (Map<String, Object>) value;
    }

    private static String text(Map<String, Object> item, String key, String where) {
        return Objects.toString(Objects.requireNonNull(item.get(key), () -> where + ": missing '" + key + "'"));
    }
}
