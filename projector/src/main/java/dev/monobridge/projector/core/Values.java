package dev.monobridge.projector.core;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.monobridge.projector.change.NumericOrder;

/** Comparison and equality of column values, which arrive as plain Java values of several types. */
final class Values {

    /**
     * Orders values of one column; nulls sort last. Numbers of different classes compare by value, and
     * NaN and the infinities sort as PostgreSQL sorts them ({@link NumericOrder}).
     */
    static final Comparator<Object> ORDER = Values::compare;

    /** The significant digits a Decimal128 holds exactly. */
    static final int MAX_DECIMAL_DIGITS = 34;

    private Values() {
    }

    /**
     * Normalises a value so that what the projector computes from a change equals what it computes
     * after a restart, when the same value has made a round trip through storage: integers become
     * {@code Long}, floats {@code Double}, instants lose what finer than a millisecond, and dates
     * become ISO text.
     */
    static Object normalize(Object value) {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        if (value instanceof Instant instant) {
            // Documents hold BSON dates, which have millisecond precision.
            return instant.truncatedTo(ChronoUnit.MILLIS);
        }
        if (value instanceof LocalDate date) {
            // A date without a time is not an instant; frontends get it as ISO text, 2026-12-26.
            return date.toString();
        }
        if (value instanceof BigDecimal decimal && decimal.precision() > MAX_DECIMAL_DIGITS) {
            // Documents hold Decimal128, which keeps 34 significant digits exactly and no more. Failing
            // here, before any state changes, turns the change into a dead letter instead of failing
            // the whole batch at write time.
            throw new IllegalArgumentException("decimal " + decimal.toPlainString() + " has " + decimal.precision()
                    + " significant digits; a document can hold " + MAX_DECIMAL_DIGITS + " exactly");
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> normalized = new LinkedHashMap<>();
            map.forEach((k, v) -> normalized.put(k, normalize(v)));
            return normalized;
        }
        if (value instanceof List<?> list) {
            List<Object> normalized = new ArrayList<>(list.size());
            list.forEach(item -> normalized.add(normalize(item)));
            return normalized;
        }
        return value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compare(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        if (NumericOrder.isNumeric(a) && NumericOrder.isNumeric(b) && a.getClass() != b.getClass()) {
            return NumericOrder.compare(a, b);
        }
        if (a instanceof Comparable && a.getClass() == b.getClass()) {
            return ((Comparable) a).compareTo(b);
        }
        return a.toString().compareTo(b.toString());
    }

    static int compareKeys(List<Object> a, List<Object> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    /** Deep equality that treats byte arrays by content. */
    static boolean same(Object a, Object b) {
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> entry : x.entrySet()) {
                if (!y.containsKey(entry.getKey()) || !same(entry.getValue(), y.get(entry.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }
}
