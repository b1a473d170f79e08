package dev.monobridge.projector.change;

import java.math.BigDecimal;

/**
 * Orders numbers of any representation as PostgreSQL orders {@code numeric} and {@code float8}:
 * {@code -Infinity} before every number, {@code Infinity} after, and {@code NaN} after everything, equal
 * to itself. Every other comparison is by exact value, so that {@code 2.50} equals {@code 2.5} and a
 * {@code Long} compares with a {@code BigDecimal}. Shared by the core's list order and by predicates,
 * so that a list and a filter never disagree about which of two values is larger.
 */
public final class NumericOrder {

    private NumericOrder() {
    }

    /** Whether the value is one this order compares: a {@link Number} or a {@link NonFiniteNumber}. */
    public static boolean isNumeric(Object value) {
        return value instanceof Number || value instanceof NonFiniteNumber;
    }

    public static int compare(Object a, Object b) {
        int rank = Integer.compare(rank(a), rank(b));
        if (rank != 0 || rank(a) != 0) {
            return rank;
        }
        return exact(a).compareTo(exact(b));
    }

    /** -1 for minus infinity, 0 for a finite number, 1 for infinity, 2 for NaN. */
    private static int rank(Object value) {
        if (value instanceof NonFiniteNumber special) {
            return switch (special) {
                case MINUS_INFINITY -> -1;
                case INFINITY -> 1;
                case NAN -> 2;
            };
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) {
                return 2;
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? 1 : -1;
            }
        }
        return 0;
    }

    private static BigDecimal exact(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        // By its decimal text: for a double its shortest one, so that the double 0.1 equals the decimal 0.1.
        return new BigDecimal(value.toString());
    }
}
