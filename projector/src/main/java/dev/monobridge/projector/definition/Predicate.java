package dev.monobridge.projector.definition;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.monobridge.projector.change.NumericOrder;

/**
 * A condition over one row, in a small SQL-like language: comparisons ({@code = != <> < <= > >=}),
 * {@code in (...)}, {@code not in (...)}, {@code is null}, {@code is not null}, {@code and},
 * {@code or}, {@code not} and parentheses, over columns and literals ({@code 'text'}, numbers,
 * {@code true}, {@code false}).
 *
 * <p>Evaluation follows SQL's three-valued logic: a comparison with a null is {@link Truth#UNKNOWN},
 * and only {@link Truth#TRUE} counts as a match. So a predicate means exactly what the same text means
 * in a PostgreSQL {@code WHERE} clause, which is how the test oracle evaluates it.
 */
public sealed interface Predicate {

    Truth evaluate(Map<String, Object> row);

    /** The columns the predicate reads. */
    Set<String> columns();

    /** The predicate's source text, as written in the definition. */
    String text();

    /** SQL's three truth values. */
    enum Truth {
        TRUE, FALSE, UNKNOWN;

        static Truth of(boolean value) {
            return value ? TRUE : FALSE;
        }

        Truth not() {
            return this == UNKNOWN ? UNKNOWN : of(this == FALSE);
        }

        Truth and(Truth other) {
            if (this == FALSE || other == FALSE) {
                return FALSE;
            }
            return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
        }

        Truth or(Truth other) {
            if (this == TRUE || other == TRUE) {
                return TRUE;
            }
            return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
        }
    }

    /** {@code left and right}, {@code left or right}. */
    record Logical(String text, boolean isAnd, Predicate left, Predicate right) implements Predicate {
        @Override
        public Truth evaluate(Map<String, Object> row) {
            Truth l = left.evaluate(row);
            return isAnd ? l.and(right.evaluate(row)) : l.or(right.evaluate(row));
        }

        @Override
        public Set<String> columns() {
            return union(left.columns(), right.columns());
        }
    }

    /** {@code not operand}. */
    record Not(String text, Predicate operand) implements Predicate {
        @Override
        public Truth evaluate(Map<String, Object> row) {
            return operand.evaluate(row).not();
        }

        @Override
        public Set<String> columns() {
            return operand.columns();
        }
    }

    /** {@code column op literal}. */
    record Comparison(String text, String column, String operator, Object literal) implements Predicate {
        @Override
        public Truth evaluate(Map<String, Object> row) {
            Object value = row.get(column);
            if (value == null || literal == null) {
                return Truth.UNKNOWN;
            }
            Integer c = compare(value, literal);
            if (c == null) {
                return Truth.UNKNOWN;
            }
            return Truth.of(switch (operator) {
                case "=" -> c == 0;
                case "!=", "<>" -> c != 0;
                case "<" -> c < 0;
                case "<=" -> c <= 0;
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                default -> throw new IllegalStateException("operator " + operator);
            });
        }

        @Override
        public Set<String> columns() {
            return Set.of(column);
        }
    }

    /** {@code column [not] in (literal, ...)}. */
    record In(String text, String column, List<Object> literals, boolean negated) implements Predicate {
        @Override
        public Truth evaluate(Map<String, Object> row) {
            Object value = row.get(column);
            if (value == null) {
                return Truth.UNKNOWN;
            }
            boolean found = literals.stream().anyMatch(literal -> Integer.valueOf(0).equals(compare(value, literal)));
            return Truth.of(found != negated);
        }

        @Override
        public Set<String> columns() {
            return Set.of(column);
        }
    }

    /** {@code column is [not] null}. */
    record IsNull(String text, String column, boolean negated) implements Predicate {
        @Override
        public Truth evaluate(Map<String, Object> row) {
            return Truth.of((row.get(column) == null) != negated);
        }

        @Override
        public Set<String> columns() {
            return Set.of(column);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.Set<String> all = new java.util.LinkedHashSet<>(a);
        all.addAll(b);
        return all;
    }

    /**
     * Compares a column value with a literal: numbers by value (also against quoted numbers, as
     * PostgreSQL does), instants with ISO text, else as text. {@code null} when they cannot be compared.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Integer compare(Object value, Object literal) {
        // NumericOrder, not BigDecimal: a NaN or infinite value (numeric or float8) has no BigDecimal.
        if (NumericOrder.isNumeric(value) && literal instanceof Number) {
            return NumericOrder.compare(value, literal);
        }
        if (NumericOrder.isNumeric(value) && literal instanceof String text) {
            try {
                return NumericOrder.compare(value, new BigDecimal(text.trim()));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (value instanceof Instant instant && literal instanceof String text) {
            try {
                return instant.compareTo(OffsetDateTime.parse(text).toInstant());
            } catch (DateTimeParseException e) {
                return instant.toString().compareTo(text);
            }
        }
        if (value instanceof Comparable && value.getClass() == literal.getClass()) {
            return ((Comparable) value).compareTo(literal);
        }
        return value.toString().compareTo(literal.toString());
    }
}
