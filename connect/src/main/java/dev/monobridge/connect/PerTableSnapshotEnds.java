package dev.monobridge.connect;

import java.util.ArrayList;
import java.util.List;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.Op;

/**
 * Makes the end of a snapshot concern only the table whose topic carried it. The mapper follows the
 * whole snapshot's last record with an end for all tables, which is right for the embedded engine's one
 * ordered stream. On Kafka, topics have no order relative to each other: that record sits on one
 * table's topic while other tables' snapshot records may still be in flight, and an all-tables end
 * would remove their rows as "not seen by the snapshot". Each table's own end comes on its own topic,
 * after all of its snapshot records, so it may remove that table's older rows, and only those.
 */
final class PerTableSnapshotEnds {

    private PerTableSnapshotEnds() {
    }

    /** The record's changes, with an all-tables end replaced by an end of the table of the record's change. */
    static List<Change> of(List<Change> changes) {
        List<Change> result = null;
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            if (change.op() != Op.SNAPSHOT_END || !Op.ALL_TABLES.equals(change.table())) {
                if (result != null) {
                    result.add(change);
                }
                continue;
            }
            if (result == null) {
                result = new ArrayList<>(changes.subList(0, i));
            }
            String table = tableBefore(changes, i);
            if (table == null) {
                // No row change names the table: there is nothing this topic's end can be about.
                continue;
            }
            result.add(new Change(table, Op.SNAPSHOT_END, null, null, null, change.position(), change.commitTime(),
                    change.txId()));
        }
        return result == null ? changes : result;
    }

    private static String tableBefore(List<Change> changes, int end) {
        for (int i = end - 1; i >= 0; i--) {
            if (changes.get(i).op() != Op.SNAPSHOT_END) {
                return changes.get(i).table();
            }
        }
        return null;
    }
}
