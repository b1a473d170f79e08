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

import com.mongodb.client.MongoCollection;

import dev.monobridge.projector.change.Change;
import dev.monobridge.projector.core.DeadLetter;

/**
 * Changes and writes that could not be applied, each with its reason, so that the stream goes on and
 * nothing is skipped silently.
 */
final class MongoDeadLetterCollection {

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
            documents.add(toDocument(letter, at));
        }
        collection.insertMany(documents);
    }

    static BsonDocument toDocument(DeadLetter letter, Instant at) {
        BsonDocument document = new BsonDocument()
                .append("projection", letter.projection() == null ? BsonNull.VALUE : new BsonString(letter.projection()))
                .append("documentId", letter.documentId() == null ? BsonNull.VALUE : MongoValues.toBson(letter.documentId()))
                .append("reason", new BsonString(letter.reason()))
                .append("at", new BsonDateTime(at.toEpochMilli()));
        if (letter.raw() != null) {
            document.append("raw", new BsonString(letter.raw()));
        }
        Change change = letter.change();
        if (change != null) {
            document.append("table", new BsonString(change.table()))
                    .append("op", new BsonString(change.op().code()))
                    .append("key", change.key() == null ? BsonNull.VALUE : MongoValues.document(change.key().columns()))
                    .append("position", new BsonString(change.position().toString()))
                    .append("commitTime", new BsonDateTime(change.commitTime().toEpochMilli()))
                    .append("change", raw(change));
        }
        return document;
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
