package dev.monobridge.projector.golden;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;
import dev.monobridge.projector.change.RowKey;
import dev.monobridge.projector.change.SourcePosition;

/**
 * Reads a golden case's {@code changes.yaml}: a list of changes, grouped into the batches the projector
 * is given, and of {@code advance} items that move the projector's clock forward between them. The
 * format is described in {@code golden/README.md}.
 */
final class ChangesFile {

    /** Commit times are derived from positions, so that a case never has to spell them out. */
    static final Instant EPOCH = Instant.parse("2026-12-26T12:00:00Z");

    private static final Set<String> KEYS = Set.of("op", "table", "pos", "key", "before", "after", "batch", "tx", "writes",
            "dead-letters");
    private static final Set<String> ADVANCE_KEYS = Set.of("advance", "writes", "dead-letters");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(s|m|h|d)");

    private ChangesFile() {
    }

    /**
     * One step of a case: the changes of one {@code accept()} call, or (with no changes) the clock moved
     * forward by {@code advance} and the projector told that time passed; and what the case expects of it.
     *
     * @param expectedWrites      how many document writes the step must make, when the case says
     * @param expectedDeadLetters one entry per dead letter the step must record, in order: text its reason
     *                            must contain ({@code ""} when the case gives only a count). A step that
     *                            says nothing must record none
     */
    record Batch(List<Change> changes, Duration advance, OptionalInt expectedWrites, List<String> expectedDeadLetters,
                 String description) {

        Batch {
            changes = List.copyOf(changes);
            expectedDeadLetters = List.copyOf(expectedDeadLetters);
        }

        /** Whether this step moves the clock instead of delivering changes. */
        boolean isAdvance() {
            return !advance.isZero();
        }
    }

    static List<Batch> read(String file, String text) {
        Object loaded = GoldenYaml.load(file, text);
        if (!(loaded instanceof List<?> items)) {
            throw new IllegalArgumentException(file + ": expected a list of changes");
        }
        List<Batch> batches = new ArrayList<>();
        Set<Object> closedBatchNumbers = new HashSet<>();
        Pending pending = null;
        for (int i = 0; i < items.size(); i++) {
            String where = file + " item " + (i + 1);
            Map<String, Object> item = map(items.get(i), where);
            Object number = item.containsKey("advance") ? null : item.get("batch");
            if (pending != null && (number == null || !number.equals(pending.number))) {
                batches.add(pending.toBatch());
                closedBatchNumbers.add(pending.number);
                pending = null;
            }
            if (item.containsKey("advance")) {
                batches.add(advance(item, i + 1, where));
                continue;
            }
            if (pending == null) {
                if (number != null && closedBatchNumbers.contains(number)) {
                    throw new IllegalArgumentException(where + ": batch " + number + " is not contiguous; list a batch's changes together");
                }
                pending = new Pending(number);
            }
            pending.add(item, i + 1, where);
        }
        if (pending != null) {
            batches.add(pending.toBatch());
        }
        return batches;
    }

    /** The items of a batch being read, until an item that does not belong to it closes it. */
    private static final class Pending {
        private final Object number;
        private final List<Change> changes = new ArrayList<>();
        private final List<Integer> items = new ArrayList<>();
        private Integer writes;
        private List<String> deadLetters;

        Pending(Object number) {
            this.number = number;
        }

        void add(Map<String, Object> item, int itemNumber, String where) {
            Integer itemWrites = (Integer) item.get("writes");
            if (itemWrites != null && writes != null && !itemWrites.equals(writes)) {
                throw new IllegalArgumentException(where + ": 'writes' disagrees with an earlier item of the same batch");
            }
            writes = itemWrites != null ? itemWrites : writes;
            List<String> itemDeadLetters = deadLetters(item, where);
            if (itemDeadLetters != null && deadLetters != null) {
                throw new IllegalArgumentException(where + ": give 'dead-letters' once per batch");
            }
            deadLetters = itemDeadLetters != null ? itemDeadLetters : deadLetters;
            changes.add(change(item, where));
            items.add(itemNumber);
        }

        Batch toBatch() {
            String which = items.size() == 1 ? "change " + items.get(0) : "changes " + items.get(0) + "-" + items.get(items.size() - 1);
            return new Batch(changes, Duration.ZERO, writes == null ? OptionalInt.empty() : OptionalInt.of(writes),
                    deadLetters == null ? List.of() : deadLetters, which + " " + changes);
        }
    }

    /** {@code - {advance: 31m}}: the clock moves forward, and the projector is told that time passed. */
    private static Batch advance(Map<String, Object> item, int number, String where) {
        Set<String> unknown = new TreeSet<>(item.keySet());
        unknown.removeAll(ADVANCE_KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(where + ": an 'advance' item takes only " + new TreeSet<>(ADVANCE_KEYS)
                    + ", not " + unknown + "; list changes as items of their own");
        }
        Duration by = duration(item.get("advance"), where);
        Integer writes = (Integer) item.get("writes");
        List<String> deadLetters = deadLetters(item, where);
        return new Batch(List.of(), by, writes == null ? OptionalInt.empty() : OptionalInt.of(writes),
                deadLetters == null ? List.of() : deadLetters, "item " + number + " (advance " + item.get("advance") + ")");
    }

    /** {@code 90s}, {@code 31m}, {@code 2h} or {@code 7d}, above zero. */
    static Duration duration(Object text, String where) {
        Matcher m = DURATION.matcher(String.valueOf(text));
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw new IllegalArgumentException(where + ": 'advance' must be a duration above zero such as 90s, 31m, 2h or 7d, not "
                    + text);
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /**
     * {@code dead-letters: 2} (how many), or {@code dead-letters: ["over max-bytes 600"]} (one text per dead
     * letter, which its reason must contain); {@code null} when the item does not say.
     */
    private static List<String> deadLetters(Map<String, Object> item, String where) {
        Object value = item.get("dead-letters");
        if (value == null) {
            return null;
        }
        if (value instanceof Integer count && count >= 0) {
            return Collections.nCopies(count, "");
        }
        if (value instanceof List<?> reasons && reasons.stream().allMatch(String.class::isInstance)) {
            return reasons.stream().map(String.class::cast).toList();
        }
        throw new IllegalArgumentException(where + ": 'dead-letters' must be a count or a list of texts, not " + value);
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
