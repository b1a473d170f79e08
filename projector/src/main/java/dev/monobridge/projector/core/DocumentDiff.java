package dev.monobridge.projector.core;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.monobridge.projector.definition.NodeDefinition;

/**
 * The smallest set of targeted changes that turns one rendering of a document into another.
 *
 * <p>A scalar that changed is set; one that disappeared is unset. A list whose entries are the same
 * keys in the same order is compared entry by entry, each entry addressed by its key; a list whose
 * membership or order changed is set whole. That keeps every write proportional to the change and to
 * the list it touches, and never to the whole document.
 */
final class DocumentDiff {

    private final List<DocumentWrite.SetValue> sets = new ArrayList<>();
    private final List<DocumentPath> unsets = new ArrayList<>();

    private DocumentDiff() {
    }

    static DocumentDiff between(NodeDefinition root, Map<String, Object> before, Map<String, Object> after) {
        DocumentDiff diff = new DocumentDiff();
        diff.level(root, DocumentPath.root(), before, after);
        return diff;
    }

    boolean isEmpty() {
        return sets.isEmpty() && unsets.isEmpty();
    }

    List<DocumentWrite.SetValue> sets() {
        return sets;
    }

    List<DocumentPath> unsets() {
        return unsets;
    }

    private void level(NodeDefinition node, DocumentPath path, Map<String, Object> before, Map<String, Object> after) {
        Set<String> fields = new LinkedHashSet<>(after.keySet());
        fields.addAll(before.keySet());
        for (String field : fields) {
            DocumentPath fieldPath = path.field(field);
            if (!after.containsKey(field)) {
                unsets.add(fieldPath);
                continue;
            }
            Object was = before.get(field);
            Object now = after.get(field);
            NodeDefinition list = listNamed(node, field);
            if (list != null && before.containsKey(field)) {
                list(list, fieldPath, entries(was), entries(now));
            } else if (!before.containsKey(field) || !Values.same(was, now)) {
                sets.add(new DocumentWrite.SetValue(fieldPath, now));
            }
        }
    }

    private void list(NodeDefinition node, DocumentPath path, List<Map<String, Object>> before,
                      List<Map<String, Object>> after) {
        String keyField = node.keyField();
        if (!sameKeys(keyField, before, after)) {
            sets.add(new DocumentWrite.SetValue(path, after));
            return;
        }
        for (int i = 0; i < after.size(); i++) {
            Map<String, Object> entry = after.get(i);
            level(node, path.entry(keyField, entry.get(keyField)), before.get(i), entry);
        }
    }

    private static boolean sameKeys(String keyField, List<Map<String, Object>> before, List<Map<String, Object>> after) {
        if (before.size() != after.size()) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            if (!Values.same(before.get(i).get(keyField), after.get(i).get(keyField))) {
                return false;
            }
        }
        return true;
    }

    private static NodeDefinition listNamed(NodeDefinition node, String field) {
        for (NodeDefinition list : node.lists()) {
            if (list.field().equals(field)) {
                return list;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Object list) {
        return (List<Map<String, Object>>) list;
    }
}
