package dev.monobridge.projector.definition;

/** One sort key of a list: a source column and a direction. Nulls sort last in both directions. */
public record OrderBy(String column, boolean descending) {

    @Override
    public String toString() {
        return column + (descending ? " desc" : " asc");
    }
}
