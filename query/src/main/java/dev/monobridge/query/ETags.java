package dev.monobridge.query;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Entity tags of documents, so that a polling frontend pays for a document only when it changed.
 *
 * <p>A document's tag is its {@code _meta}: the source position of the newest change applied, the
 * definition version, and the write time. The position alone moves with every source change; the
 * version and the write time also move when a document changes without a new source change (a rebuild,
 * a retention rule expiring an entry). A document without {@code _meta} gets a hash of its bytes.
 */
final class ETags {

    private ETags() {
    }

    /** The field the tag is made of; a conditional request reads only it. */
    static final String META = "_meta";

    static String of(BsonDocument document) {
        return fromMeta(document).orElseGet(() -> {
            ByteBuffer buffer = new RawBsonDocument(document, new BsonDocumentCodec()).getByteBuffer().asNIO();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return "\"" + hash(bytes) + "\"";
        });
    }

    /** The tag from the document's {@code _meta} alone: empty when it has none with a position. */
    static Optional<String> fromMeta(BsonDocument document) {
        BsonDocument meta = document.get(META) instanceof BsonDocument m ? m : null;
        if (meta == null || !meta.isString("position")) {
            return Optional.empty();
        }
        String version = meta.isNumber("version") ? String.valueOf(meta.getNumber("version").longValue()) : "-";
        String written = meta.isDateTime("writtenAt") ? String.valueOf(meta.getDateTime("writtenAt").getValue()) : "-";
        return Optional.of("\"" + meta.getString("position").getValue() + "." + version + "." + written + "\"");
    }

    /** A page's tag: weak, as it is derived from its documents' tags, not from its bytes. */
    static String ofPage(List<String> documentTags, String next) {
        return "W/\"" + hash((String.join(",", documentTags) + "|" + next).getBytes(StandardCharsets.UTF_8)) + "\"";
    }

    /**
     * Whether an {@code If-None-Match} header names the tag. The comparison is weak, as RFC 9110 asks
     * for {@code If-None-Match}: {@code W/"x"} matches {@code "x"}.
     */
    static boolean matches(Optional<String> ifNoneMatch, String tag) {
        if (ifNoneMatch.isEmpty()) {
            return false;
        }
        String opaque = opaque(tag);
        for (String candidate : ifNoneMatch.get().split(",")) {
            String trimmed = candidate.strip();
            if (trimmed.equals("*") || opaque(trimmed).equals(opaque)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }

    private static String hash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
