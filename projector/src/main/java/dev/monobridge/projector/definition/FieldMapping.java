package dev.monobridge.projector.definition;

/**
 * One source column copied into a document, under the name the frontend wants.
 *
 * @param column the source column
 * @param field  the field name in the document
 * @param line   where the mapping is declared, for validation messages
 */
public record FieldMapping(String column, String field, int line) {
}
