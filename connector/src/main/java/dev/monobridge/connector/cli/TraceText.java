package dev.monobridge.connector.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import dev.monobridge.projector.mongo.MongoTrailSettings;

/** The answers of {@code monobridge trace} ({@code MongoTrails}) as a person reads them. */
final class TraceText {

    private static final JsonWriterSettings RELAXED = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).build();

    private TraceText() {
    }

    static String document(BsonDocument answer, MongoTrailSettings settings) {
        StringBuilder text = new StringBuilder();
        String name = answer.getString("projection").getValue() + " " + value(answer.get("key"));
        if (answer.getBoolean("exists").getValue()) {
            text.append(name).append(": the document exists\n");
            text.append("_meta: ").append(answer.get("meta").isDocument() ? answer.getDocument("meta").toJson(RELAXED) : "(none)").append('\n');
        } else {
            text.append(name).append(": no such document now; its trail is below\n");
        }
        trail(text, answer.getArray("trail"), settings, "document");
        return reached(text, answer).toString();
    }

    static String row(BsonDocument answer, MongoTrailSettings settings) {
        StringBuilder text = new StringBuilder();
        String name = answer.getString("table").getValue() + " " + value(answer.get("key"));
        if (!answer.getBoolean("seen").getValue() && answer.containsKey("remembered")) {
            BsonDocument state = answer.getDocument("remembered");
            text.append(name).append(": no change to it is in the trail (").append(settings.enabled()
                            ? "a snapshot read it, or its last change is older than the trail's " + settings.keep().toHours() + " hours"
                            : "the trail is off")
                    .append("), but the bridge remembers it").append(state.getBoolean("deleted").getValue() ? " as deleted" : "")
                    .append(", as of source position ").append(state.getString("position").getValue()).append(".\n");
            return reached(text, answer).toString();
        }
        if (!answer.getBoolean("seen").getValue()) {
            text.append(name).append(": never seen. No change to this row has reached the bridge")
                    .append(settings.enabled() ? " in the last " + settings.keep().toHours() + " hours (the trail's keep)"
                            : " (trace.per-document is 0: the trail is off)")
                    .append(".\n");
            return reached(text, answer).append("A change committed after that position is not captured yet; before it, it never happened (or its trail has expired).")
                    .toString();
        }
        List<String> documents = new ArrayList<>();
        for (BsonValue document : answer.getArray("documents")) {
            documents.add(document.asDocument().getString("projection").getValue() + " " + value(document.asDocument().get("id")));
        }
        text.append(name).append(documents.isEmpty() ? ": in no document now\n" : ": in " + String.join(", ", documents) + "\n");
        trail(text, answer.getArray("trail"), settings, "row");
        return reached(text, answer).toString();
    }

    static String noDocument(String projection, String key, BsonDocument rowAnswer) {
        return "no document with key '" + key + "' in " + projection + ", and no trail of one: "
                + reachedText(rowAnswer.get("reached"));
    }

    private static void trail(StringBuilder text, BsonArray trail, MongoTrailSettings settings, String what) {
        text.append("Last changes, newest first (").append(settings.perDocument()).append(" kept per ").append(what).append("):\n");
        if (trail.isEmpty()) {
            text.append("  (none kept)\n");
        }
        for (BsonValue value : trail) {
            BsonDocument entry = value.asDocument();
            text.append("  ").append(entry.getString("position").getValue()).append("  ")
                    .append(entry.getString("op").getValue()).append(' ').append(entry.getString("table").getValue());
            if (entry.containsKey("key")) {
                text.append(' ').append(entry.getDocument("key").toJson(RELAXED));
            }
            text.append("  committed ").append(date(entry, "commitTime"));
            if (entry.containsKey("txId")) {
                text.append("  tx ").append(entry.getString("txId").getValue());
            }
            text.append("  acknowledged ").append(date(entry, "acknowledged")).append('\n');
            text.append("      ").append(entry.getString("outcome").getValue());
            if (entry.containsKey("paths")) {
                List<String> paths = entry.getArray("paths").stream().map(p -> p.asString().getValue()).toList();
                text.append(": ").append(String.join(", ", paths));
            }
            if (entry.containsKey("documents")) {
                List<String> documents = entry.getArray("documents").stream().map(d -> d.asDocument().getString("projection").getValue()
                        + " " + value(d.asDocument().get("id"))).toList();
                text.append(" (in ").append(String.join(", ", documents)).append(')');
            }
            text.append('\n');
        }
    }

    private static StringBuilder reached(StringBuilder text, BsonDocument answer) {
        return text.append(Character.toUpperCase(reachedText(answer.get("reached")).charAt(0)))
                .append(reachedText(answer.get("reached")).substring(1)).append('\n');
    }

    private static String reachedText(BsonValue reached) {
        return reached == null || reached.isNull() ? "the bridge has written no batch yet."
                : "the bridge has reached source position " + reached.asString().getValue() + ".";
    }

    private static String date(BsonDocument entry, String field) {
        return entry.containsKey(field) ? Instant.ofEpochMilli(entry.getDateTime(field).getValue()).toString() : "-";
    }

    private static String value(BsonValue value) {
        if (value == null) {
            return "-";
        }
        if (value.isString()) {
            return value.asString().getValue();
        }
        if (value.isInt64() || value.isInt32()) {
            return Long.toString(value.asNumber().longValue());
        }
        return value.isDocument() ? value.asDocument().toJson(RELAXED) : value.toString();
    }
}
