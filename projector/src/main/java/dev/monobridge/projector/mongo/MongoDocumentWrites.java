package dev.monobridge.projector.mongo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.conversions.Bson;

import com.mongodb.client.model.DeleteOneModel;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;

import dev.monobridge.projector.change.SourcePosition;
import dev.monobridge.projector.core.DocumentMeta;
import dev.monobridge.projector.core.DocumentPath;
import dev.monobridge.projector.core.DocumentWrite;

/**
 * Turns the projector's document writes into MongoDB write models. List entries are addressed with
 * filtered positional operators ({@code races.$[e0].status} with {@code e0.id = 7}), so an update lands
 * on the right entry wherever it sits in the array.
 *
 * <p>{@code _meta.tables} holds, per source table, the newest position of that table's changes that went
 * into the document (table names encoded as field names, {@link DocumentMeta#tableField}). With several
 * {@link MongoWriters writers}, a write applies only where none of the tables it carries is newer there: a
 * refused replace collides with the stored {@code _id} (a duplicate key, reported for that write); a
 * refused update or delete matches nothing. One writer keeps the map too, so that a projection moved to
 * Kafka Connect finds it, and filters on {@code _id} alone.
 */
final class MongoDocumentWrites {

    static final String META = "_meta";
    /** Under {@value #META}: the newest position per source table that went into the document. */
    static final String TABLES = "tables";

    private MongoDocumentWrites() {
    }

    static WriteModel<BsonDocument> toModel(DocumentWrite write, Instant writtenAt, MongoWriters writers) {
        Bson byId = Filters.eq("_id", MongoValues.toBson(write.document().documentId()));
        if (write instanceof DocumentWrite.Replace replace) {
            BsonDocument document = new BsonDocument("_id", MongoValues.toBson(write.document().documentId()));
            document.putAll(MongoValues.document(replace.content()));
            document.put(META, meta(replace.meta(), writtenAt));
            return new ReplaceOneModel<>(writers.document(byId, replace.meta().tables()), document, new ReplaceOptions().upsert(true));
        }
        if (write instanceof DocumentWrite.Update update) {
            return update(writers.document(byId, update.meta().tables()), update, writtenAt);
        }
        DocumentWrite.Delete delete = (DocumentWrite.Delete) write;
        return new DeleteOneModel<>(writers.document(byId, delete.tables()));
    }

    private static BsonDocument tables(Map<String, SourcePosition> tables) {
        BsonDocument document = new BsonDocument();
        tables.forEach((table, position) -> document.put(DocumentMeta.tableField(table), new BsonString(position.toString())));
        return document;
    }

    private static WriteModel<BsonDocument> update(Bson byId, DocumentWrite.Update update, Instant writtenAt) {
        ArrayFilters filters = new ArrayFilters();
        BsonDocument set = new BsonDocument();
        for (DocumentWrite.SetValue value : update.sets()) {
            set.put(filters.path(value.path()), MongoValues.toBson(value.value()));
        }
        DocumentMeta meta = update.meta();
        set.put(META + ".projection", new BsonString(meta.projection()));
        set.put(META + ".version", new BsonInt32(meta.version()));
        set.put(META + ".writtenAt", new BsonDateTime(writtenAt.toEpochMilli()));
        BsonDocument operations = new BsonDocument("$set", set);
        if (!update.unsets().isEmpty()) {
            BsonDocument unset = new BsonDocument();
            update.unsets().forEach(path -> unset.put(filters.path(path), new BsonString("")));
            operations.put("$unset", unset);
        }
        // Position and commit time move only forward: a late or replayed write cannot pull them back.
        BsonDocument max = new BsonDocument(META + ".position", new BsonString(meta.position().toString()));
        if (meta.commitTime() != null) {
            max.append(META + ".commitTime", new BsonDateTime(meta.commitTime().toEpochMilli()));
        }
        meta.tables().forEach((table, position) ->
                max.append(META + "." + TABLES + "." + DocumentMeta.tableField(table), new BsonString(position.toString())));
        operations.put("$max", max);
        UpdateOptions options = new UpdateOptions();
        if (!filters.isEmpty()) {
            options.arrayFilters(filters.list());
        }
        return new UpdateOneModel<>(byId, operations, options);
    }

    static BsonDocument meta(DocumentMeta meta, Instant writtenAt) {
        return new BsonDocument()
                .append("projection", new BsonString(meta.projection()))
                .append("version", new BsonInt32(meta.version()))
                .append("position", new BsonString(meta.position().toString()))
                .append("commitTime", meta.commitTime() == null ? BsonNull.VALUE : new BsonDateTime(meta.commitTime().toEpochMilli()))
                .append("writtenAt", new BsonDateTime(writtenAt.toEpochMilli()))
                .append(TABLES, tables(meta.tables()));
    }

    /** Names one array filter per distinct list entry an update addresses. */
    private static final class ArrayFilters {
        private final Map<String, String> identifiers = new LinkedHashMap<>();
        private final List<BsonDocument> filters = new ArrayList<>();

        String path(DocumentPath path) {
            StringBuilder text = new StringBuilder();
            for (DocumentPath.Segment segment : path.segments()) {
                if (!text.isEmpty()) {
                    text.append('.');
                }
                if (segment instanceof DocumentPath.Field field) {
                    text.append(field.name());
                } else if (segment instanceof DocumentPath.Entry entry) {
                    text.append("$[").append(identifier(text.toString(), entry)).append(']');
                }
            }
            return text.toString();
        }

        private String identifier(String listPath, DocumentPath.Entry entry) {
            BsonValue key = MongoValues.toBson(entry.key());
            String id = listPath + "\u0000" + entry.keyField() + "\u0000" + key;
            return identifiers.computeIfAbsent(id, k -> {
                String name = "e" + filters.size();
                filters.add(new BsonDocument(name + "." + entry.keyField(), key));
                return name;
            });
        }

        boolean isEmpty() {
            return filters.isEmpty();
        }

        List<BsonDocument> list() {
            return filters;
        }
    }
}
