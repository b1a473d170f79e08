package dev.monobridge.capture;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;

/**
 * The columns a table has, with their types, as a change event's row schema declares them: what lets
 * the projector notice a mapped column renamed, dropped or retyped in the source while the bridge runs.
 *
 * <p>Computed once per schema, not per record: each table's last schema is kept (so memory is bounded by
 * the number of tables), and every change with that schema shares one map.
 */
final class DebeziumColumnTypes {

    private final Map<String, Entry> byTable = new HashMap<>();

    Map<String, String> of(String table, Schema rowSchema) {
        Entry last = byTable.get(table);
        // Identity first: Debezium reuses one schema object per table version; equals() compares deeply.
        if (last != null && (last.schema == rowSchema || last.schema.equals(rowSchema))) {
            return last.types;
        }
        Map<String, String> types = new LinkedHashMap<>();
        for (Field field : rowSchema.fields()) {
            types.put(field.name(), DebeziumValues.typeName(field.schema()));
        }
        Map<String, String> shared = Collections.unmodifiableMap(types);
        byTable.put(table, new Entry(rowSchema, shared));
        return shared;
    }

    private record Entry(Schema schema, Map<String, String> types) {
    }
}
