package dev.monobridge.projector.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.core.DeadLetter;

/**
 * Changes and writes that could not be applied, each with its reason, its source table, row key and
 * position when known, so that the stream goes on and nothing is skipped silently.
 *
 * <p>A document over its byte budget is one letter while the condition lasts, not one per change: it is
 * upserted by projection, document and kind, and counts how often it recurred and the newest position.
 * Every other letter is one per occurrence, because each carries a change of its own to replay.
 */
final class MongoDeadLetterCollection {

    static final String KIND = "kind";
    static final String COUNT = "count";

    private final MongoCollection<BsonDocument> collection;

    MongoDeadLetterCollection(MongoCollection<BsonDocument> collection) {
        this.collection = collection;
    }

    void write(List<DeadLetter> deadLetters, Instant at) {
        if (deadLetters.isEmpty()) {
            return;
        }
        List<BsonDocument> documents = new ArrayList<>();
        for (DeadLetter letter : deadLetters) {
            if (letter.kind() == DeadLetter.Kind.OVER_BUDGET) {
                upsertPerDocument(letter, at);
            } else {
                documents.add(toDocument(letter, at));
            }
        }
        if (!documents.isEmpty()) {
            collection.insertMany(documents);
        }
    }

    private void upsertPerDocument(DeadLetter letter, Instant at) {
        BsonDocument fields = toDocument(letter, at);
        Bson which = Filters.and(Filters.eq(KIND, fields.get(KIND)), Filters.eq("projection", fields.get("projection")),
                Filters.eq("documentId", fields.get("documentId")));
        List<Bson> updates = new ArrayList<>();
        fields.forEach((name, value) -> updates.add(Updates.set(name, value)));
        updates.add(Updates.inc(COUNT, 1L));
        updates.add(Updates.setOnInsert("firstAt", new BsonDateTime(at.toEpochMilli())));
        collection.updateOne(which, Updates.combine(updates), new UpdateOptions().upsert(true));
    }

    static BsonDocument toDocument(DeadLetter letter, Instant at) {
        BsonDocument document = new BsonDocument()
                .append(KIND, new BsonString(letter.kind().code()))
                .append("projection", letter.projection() == null ? BsonNull.VALUE : new BsonString(letter.projection()))
                .append("documentId", letter.documentId() == null ? BsonNull.VALUE : MongoValues.toBson(letter.documentId()))
                .append("reason", new BsonString(letter.reason()))
                .append("at", new BsonDateTime(at.toEpochMilli()));
        if (letter.raw() != null) {
            document.append("raw", new BsonString(letter.raw()));
        }
        if (letter.table() != null) {
            document.append("table", new BsonString(letter.table()));
        }
        if (letter.key() != null) {
            document.append("key", key(letter));
        }
        if (letter.position() != null) {
            document.append("position", new BsonString(letter.position().toString()));
        }
        Change change = letter.change();
        if (change != null) {
            document.append("op", new BsonString(change.op().code()))
                    .append("commitTime", new BsonDateTime(change.commitTime().toEpochMilli()))
                    .append("change", raw(change));
        }
        return document;
    }

    /** The row key as a subdocument, {@code {id: 5}}, or as text when BSON cannot hold one of its values. */
    private static BsonValue key(DeadLetter letter) {
        try {
            return MongoValues.document(letter.key().columns());
        } catch (IllegalArgumentException e) {
            return new BsonString(letter.key().toString());
        }
    }

    /** The change's images, with any value BSON cannot hold kept as text rather than lost. */
    private static BsonValue raw(Change change) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("before", change.before());
        raw.put("after", change.after());
        raw.put("txId", change.txId());
        try {
            return MongoValues.toBson(raw);
        } catch (IllegalArgumentException e) {
            return new BsonString(raw.toString());
        }
    }
}
