package dev.monobridge.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;

class BsonSizesTest {

    @Test
    void walkingADocumentGivesTheSizeEncodingWouldGive() {
        BsonArray entries = new BsonArray();
        for (int i = 0; i < 25; i++) {
            entries.add(new BsonDocument("id", new BsonInt64(i)).append("name", new BsonString("Rünner " + i))
                    .append("price", new BsonDecimal128(new Decimal128(new BigDecimal("3.25")))));
        }
        BsonDocument document = new BsonDocument("_id", new BsonInt64(7))
                .append("n", new BsonInt32(1)).append("d", new BsonDouble(1.5)).append("b", BsonBoolean.TRUE)
                .append("t", new BsonDateTime(0)).append("z", BsonNull.VALUE).append("o", new BsonObjectId())
                .append("bin", new BsonBinary(new byte[] {1, 2, 3})).append("re", new BsonRegularExpression("^a", "i"))
                .append("entries", entries);

        long encoded = new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().remaining();

        assertThat(BsonSizes.document(document)).isEqualTo(encoded);
        assertThat(BsonSizes.document(new RawBsonDocument(document, new BsonDocumentCodec()))).isEqualTo(encoded);
    }
}
