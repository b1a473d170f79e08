package dev.monobridge.projector.definition;

/** Hints that more than one problem ends with, kept in one place so that they say the same thing. */
final class SuggestedFix {

    /** What a join that looks like a many-to-one reference needs instead. */
    static final String MANY_TO_ONE = "a many-to-one reference (each row pointing at one row of another table) "
            + "is a lookup on the level that holds the reference ('lookups: {product: {table: ..., key: id, via: product_id, "
            + "fields: [name]}}')";

    private SuggestedFix() {
    }
}
