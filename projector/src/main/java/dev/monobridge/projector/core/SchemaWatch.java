package dev.monobridge.projector.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.definition.NodeDefinition;
import dev.monobridge.projector.definition.ProjectionDefinition;

/**
 * Notices, from the columns each change event declares ({@link Change#columnTypes()}), a column some
 * projection reads that was renamed, dropped or retyped in the source while the bridge runs, and raises
 * it as condition {@code schema:<table>.<column>}.
 *
 * <p>The rules:
 * <ul>
 *   <li><b>Missing</b> (renamed or dropped): every change of the table that lacks the column is a dead
 *       letter with the condition's reason, never applied with a silent null. The condition clears when
 *       a change declares the column again (renamed back, or re-added).</li>
 *   <li><b>Retyped</b>: values keep flowing, converted by their new type; the condition is raised once, as
 *       a warning that documents now mix values of both types until the projection is rebuilt, and
 *       stays until the bridge restarts (which takes the new type as the known one).</li>
 *   <li>A column that is absent from one change because of TOAST is present in its declaration, so it is
 *       not a schema change; an added column is not read by any projection, so it changes nothing.</li>
 * </ul>
 * Not thread-safe: the projector calls it under its lock.
 */
final class SchemaWatch {

    private static final String PREFIX = "schema:";

    private final Conditions conditions;
    private final Map<String, String> knownTypes = new HashMap<>();
    private final Map<String, SourcePosition> missingSince = new HashMap<>();

    SchemaWatch(Conditions conditions) {
        this.conditions = conditions;
    }

    /** The changes to project; those missing a read column become dead letters instead. */
    List<Change> check(List<Change> changes, ProjectionPlan plan, List<DeadLetter> deadLetters) {
        List<Change> kept = new ArrayList<>(changes.size());
        for (Change change : changes) {
            String missing = change.columnTypes() == null || change.after() == null ? null : missing(change, plan);
            if (missing == null) {
                kept.add(change);
            } else {
                deadLetters.add(DeadLetter.unprojectable(change, missing));
            }
        }
        return kept;
    }

    /** The reason the change cannot be applied, or {@code null}; raises and clears conditions on the way. */
    private String missing(Change change, ProjectionPlan plan) {
        String reason = null;
        for (String column : plan.columnsRead(change.table())) {
            String name = change.table() + "." + column;
            String type = change.columnTypes().get(column);
            if (type == null) {
                SourcePosition since = missingSince.computeIfAbsent(name, n -> change.position());
                String text = name + ", which projection " + readers(plan, change.table(), column)
                        + " maps, is missing from changes since " + since + ": renamed or dropped in the source?";
                conditions.raise(PREFIX + name, text);
                reason = reason == null ? text : reason;
                continue;
            }
            if (missingSince.remove(name) != null) {
                conditions.clear(PREFIX + name);
            }
            String known = knownTypes.putIfAbsent(name, type);
            if (known != null && !known.equals(type)) {
                knownTypes.put(name, type);
                conditions.raise(PREFIX + name, name + ", which projection " + readers(plan, change.table(), column)
                        + " maps, changed type from " + known + " to " + type + " at " + change.position()
                        + ": its values now flow converted by the new type; rebuild the projection so that older"
                        + " documents match");
            }
        }
        return reason;
    }

    /** The names of the projections that read the column, for the operator. */
    private static String readers(ProjectionPlan plan, String table, String column) {
        Set<String> names = new LinkedHashSet<>();
        for (ProjectionDefinition projection : plan.projections()) {
            for (NodeDefinition node : projection.root().selfAndDescendants()) {
                if (node.table().equals(table) && node.columnsRead().contains(column)) {
                    names.add(projection.name());
                }
            }
        }
        return names.isEmpty() ? "(a rebuild in progress)" : String.join(", ", names);
    }
}
