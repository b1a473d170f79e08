package dev.monobridge.bench.measure;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.bson.BsonArray;
import org.bson.BsonBinaryReader;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonReader;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonValueCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;

/**
 * The encoded size of BSON values, computed by walking them rather than encoding them: the command
 * listener runs on the driver's thread for every command, and encoding a 100 KiB document just to
 * learn its size would slow the pipeline being measured.
 */
final class BsonSizes {

    private BsonSizes() {
    }

    static long document(BsonDocument document) {
        if (document instanceof RawBsonDocument raw) {
            return raw.getByteBuffer().remaining();
        }
        if (document.getClass() != BsonDocument.class) {
            // The driver's lazy documents over wire bytes: their first four bytes are their size.
            // Walking them instead decodes them, and indexing their arrays is quadratic.
            try (BsonReader reader = document.asBsonReader()) {
                if (reader instanceof BsonBinaryReader binary) {
                    return binary.getBsonInput().readInt32();
                }
            }
        }
        long size = 4 + 1;
        for (Map.Entry<String, BsonValue> entry : document.entrySet()) {
            size += 1 + utf8Length(entry.getKey()) + 1 + value(entry.getValue());
        }
        return size;
    }

    private static long array(BsonArray array) {
        long size = 4 + 1;
        int index = 0;
        for (BsonValue item : array) {
            size += 1 + digits(index++) + 1 + value(item);
        }
        return size;
    }

    static long value(BsonValue value) {
        return switch (value.getBsonType()) {
            case DOCUMENT -> document(value.asDocument());
            case ARRAY -> array(value.asArray());
            case STRING -> 4 + utf8Length(value.asString().getValue()) + 1;
            case SYMBOL -> 4 + utf8Length(value.asSymbol().getSymbol()) + 1;
            case INT32 -> 4;
            case INT64, DOUBLE, DATE_TIME, TIMESTAMP -> 8;
            case DECIMAL128 -> 16;
            case BOOLEAN -> 1;
            case OBJECT_ID -> 12;
            case BINARY -> 4 + 1 + value.asBinary().getData().length;
            case NULL, UNDEFINED, MIN_KEY, MAX_KEY -> 0;
            default -> encoded(value);
        };
    }

    /** The rare types (regular expressions, JavaScript, DB pointers): encode them. */
    private static long encoded(BsonValue value) {
        BasicOutputBuffer buffer = new BasicOutputBuffer();
        try (BsonBinaryWriter writer = new BsonBinaryWriter(buffer)) {
            writer.writeStartDocument();
            writer.writeName("v");
            new BsonValueCodec().encode(writer, value, EncoderContext.builder().build());
            writer.writeEndDocument();
        }
        // The wrapping document: length, type byte, "v", its terminator, and the end byte.
        return buffer.getSize() - (4 + 1 + 2 + 1);
    }

    private static int digits(int index) {
        return index < 10 ? 1 : (int) Math.log10(index) + 1;
    }

    static int utf8Length(String text) {
        int length = text.length();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return text.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return length;
    }
}
