package dev.monobridge.projector.definition;

import java.util.ArrayList;
import java.util.List;

/**
 * The fields a client may filter and sort a projection's documents by: the root level's fields, as the
 * definition names them in the document, and {@code _id}. Each has an index (created by the writer, see
 * {@code MongoQueryableIndexes}), so that no query scans a collection. The field holding the root key
 * ({@code id}, say) always equals {@code _id}, so it is queried as {@code _id}, whose index MongoDB
 * keeps anyway. Fields inside lists are not queryable: filtering by them would need a multikey index
 * per list field, and a frontend reads whole documents anyway.
 *
 * <p>Derived from the definition alone, so that the writer (which creates the indexes) and the readers
 * (which query by them) agree on one list.
 *
 * @param names    the root level's document fields, in definition order
 * @param keyField the one among them that holds the root key
 */
public record QueryableFields(List<String> names, String keyField) {

    public static final String ID = "_id";

    public static QueryableFields of(ProjectionDefinition projection) {
        List<String> names = new ArrayList<>();
        for (FieldMapping mapping : projection.root().fields()) {
            if (!names.contains(mapping.field())) {
                names.add(mapping.field());
            }
        }
        return new QueryableFields(List.copyOf(names), projection.root().keyField());
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    /** The stored field a client's field is queried as. */
    public String stored(String name) {
        return name.equals(keyField) ? ID : name;
    }

    /** The fields that need an index of their own: all but the key field. */
    public List<String> indexed() {
        return names.stream().filter(name -> !name.equals(keyField)).toList();
    }
}
