package dev.monobridge.projector.definition;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A many-to-one reference embedded in a level (a list entry or the root): the row of {@code table} whose
 * {@code key} equals this level's {@code via} column, with some of its fields, as a subdocument under
 * {@code field} (an order's product, by {@code product_id}).
 *
 * <p>The referenced row is shared: one product is shown in every order that names it, so a change to it
 * touches every document that shows it (found by the remembered rows whose {@code via} holds its key).
 *
 * @param field   the subdocument's field name in the level
 * @param table   the referenced table, {@code schema.table}
 * @param key     the referenced table's primary-key column
 * @param via     the column of the level's own table that holds the referenced key
 * @param fields  the referenced row's columns copied into the subdocument
 * @param missing what a level shows while the referenced row does not exist
 * @param lines   where each part is written, for validation messages
 */
public record LookupDefinition(String field, String table, String key, String via, List<FieldMapping> fields,
                               Missing missing, Lines lines) {

    /** What a level shows when its {@code via} names no row (yet), or holds null. */
    public enum Missing {
        /** The subdocument is {@code null}; the level stays. The default. */
        NULL("null"),
        /** The level is left out: a list entry is not in its list (the next candidate takes its place), a root has no document. */
        LEAVE_OUT("leave-out");

        private final String text;

        Missing(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /** The lines of a lookup's parts; a part that is not written has the lookup's own line. */
    public record Lines(int lookup, int table, int key, int via) {
    }

    public LookupDefinition {
        fields = List.copyOf(fields);
    }

    /** The referenced table's columns this lookup reads. */
    public Set<String> columnsRead() {
        Set<String> columns = new LinkedHashSet<>();
        columns.add(key);
        fields.forEach(f -> columns.add(f.column()));
        return columns;
    }
}
