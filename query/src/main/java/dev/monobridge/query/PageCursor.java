package dev.monobridge.query;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Set;

import org.bson.BsonBinaryReader;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.bson.conversions.Bson;

import com.mongodb.client.model.Filters;

import dev.monobridge.projector.definition.QueryableFields;

/**
 * Where the next page of a list starts: the sort field's value and the {@code _id} of the last document
 * returned. The next page holds the documents after that pair in the sort order (sort field, then
 * {@code _id}, both in the same direction), so each document is returned once even while documents
 * change, and no page costs a skip over the ones before it.
 *
 * <p>Encoded as BSON in URL-safe base64: opaque to clients, and typed, so that a date stays a date. A
 * cursor is client input: decoding accepts only a scalar value and id (a number, text, a date, a
 * boolean, an ObjectId, or null), which are only ever compared with, never read as an operator.
 *
 * <p>Missing values sort as null, first in ascending order. Keyset pagination compares within one BSON
 * type; a projection's root field comes from one source column, so its values share one type.
 */
record PageCursor(String field, int direction, BsonValue value, BsonValue id) {

    private static final int MAX_ENCODED = 4096;
    private static final Set<BsonType> SCALARS = Set.of(BsonType.STRING, BsonType.INT32, BsonType.INT64, BsonType.DOUBLE,
            BsonType.DECIMAL128, BsonType.BOOLEAN, BsonType.DATE_TIME, BsonType.OBJECT_ID, BsonType.NULL);

    /** The cursor after a document, for a list sorted by {@code field} in {@code direction} (1 or -1). */
    static PageCursor after(BsonDocument last, String field, int direction) {
        return new PageCursor(field, direction, last.getOrDefault(field, BsonNull.VALUE), last.get(QueryableFields.ID));
    }

    String encode() {
        BsonDocument document = new BsonDocument("f", new BsonString(field)).append("d", new BsonInt32(direction))
                .append("v", value).append("i", id);
        ByteBuffer bytes = new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().asNIO();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(array);
    }

    /**
     * @throws ApiException 400 for anything but a cursor this API made
     */
    static PageCursor decode(String text) {
        if (text.length() > MAX_ENCODED) {
            throw invalid();
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(text);
            BsonDocument document;
            try (BsonBinaryReader reader = new BsonBinaryReader(ByteBuffer.wrap(bytes))) {
                document = new BsonDocumentCodec().decode(reader, DecoderContext.builder().build());
            }
            if (document.size() != 4 || !document.isString("f") || !document.isInt32("d") || !document.containsKey("v")
                    || !document.containsKey("i")) {
                throw invalid();
            }
            int direction = document.getInt32("d").getValue();
            BsonValue value = document.get("v");
            BsonValue id = document.get("i");
            if (direction != 1 && direction != -1 || !SCALARS.contains(value.getBsonType())
                    || !SCALARS.contains(id.getBsonType()) || id.isNull()) {
                throw invalid();
            }
            return new PageCursor(document.getString("f").getValue(), direction, value, id);
        } catch (RuntimeException e) {
            // Bad base64, truncated or malformed BSON: all the same to the client.
            throw e instanceof ApiException api ? api : invalid();
        }
    }

    /** The documents after this cursor, in its sort order. */
    Bson continuation() {
        boolean ascending = direction > 0;
        Bson idAfter = ascending ? Filters.gt(QueryableFields.ID, id) : Filters.lt(QueryableFields.ID, id);
        if (field.equals(QueryableFields.ID)) {
            return idAfter;
        }
        Bson sameValue = Filters.and(Filters.eq(field, value), idAfter);
        if (value.isNull()) {
            // Nulls come first in ascending order, last in descending order.
            return ascending ? Filters.or(sameValue, Filters.ne(field, null)) : sameValue;
        }
        Bson beyond = ascending ? Filters.gt(field, value) : Filters.lt(field, value);
        return ascending ? Filters.or(beyond, sameValue) : Filters.or(beyond, sameValue, Filters.eq(field, null));
    }

    private static ApiException invalid() {
        return ApiException.badRequest("the cursor is not valid: pass the 'next' value of the previous page unchanged");
    }
}
