package dev.monobridge.projector.change;

/**
 * The values of a PostgreSQL {@code numeric} column that are not numbers: {@code NaN}, {@code Infinity}
 * and {@code -Infinity} (PostgreSQL 14 and later). A {@code BigDecimal} cannot hold them, so the change
 * and rebuild readers give these instead; documents hold them as the Decimal128 values of the same name.
 * ({@code float8} and {@code real} columns keep theirs as {@code Double}, which can hold them.)
 */
public enum NonFiniteNumber {
    MINUS_INFINITY("-Infinity"),
    INFINITY("Infinity"),
    NAN("NaN");

    private final String text;

    NonFiniteNumber(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
