package dev.monobridge.connector.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;

import com.sun.net.httpserver.HttpExchange;

/**
 * One request and its response, over the JDK's {@link HttpExchange}: the path parameters the route
 * matched, the decoded query string, and ways to answer with JSON, text, a 304 or an error.
 *
 * <p>Unless an endpoint says otherwise, responses are not to be stored ({@code Cache-Control: no-store}):
 * they hold team data or operational figures. Bodies over 1 KiB are gzipped for clients that accept it.
 */
final class Exchange {

    static final String JSON = "application/json";
    private static final int GZIP_FROM_BYTES = 1024;

    private final HttpExchange http;
    private final Map<String, String> pathParameters;
    private QueryParameters query;

    Exchange(HttpExchange http, Map<String, String> pathParameters) {
        this.http = http;
        this.pathParameters = pathParameters;
    }

    String method() {
        return http.getRequestMethod();
    }

    String pathParameter(String name) {
        return pathParameters.get(name);
    }

    QueryParameters query() {
        if (query == null) {
            query = QueryParameters.parse(http.getRequestURI().getRawQuery());
        }
        return query;
    }

    Optional<String> header(String name) {
        return Optional.ofNullable(http.getRequestHeaders().getFirst(name));
    }

    void setHeader(String name, String value) {
        http.getResponseHeaders().set(name, value);
    }

    void sendJson(int status, BsonDocument body) throws IOException {
        send(status, JSON, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    void send(int status, String contentType, byte[] body) throws IOException {
        var headers = http.getResponseHeaders();
        headers.set("Content-Type", contentType);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.putIfAbsent("Cache-Control", List.of("no-store"));
        byte[] payload = body;
        if (body.length >= GZIP_FROM_BYTES && header("Accept-Encoding").map(e -> e.contains("gzip")).orElse(false)) {
            payload = gzip(body);
            headers.set("Content-Encoding", "gzip");
            headers.set("Vary", "Accept-Encoding");
        }
        http.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
        if (payload.length > 0) {
            try (OutputStream out = http.getResponseBody()) {
                out.write(payload);
            }
        }
    }

    /** 304: the client's copy, named by its ETag, is current. */
    void sendNotModified(String etag) throws IOException {
        setHeader("ETag", etag);
        http.getResponseHeaders().putIfAbsent("Cache-Control", List.of("no-cache"));
        http.sendResponseHeaders(304, -1);
    }

    /** {@code {"status": 400, "error": "Bad Request", "message": "..."}} */
    void sendError(int status, String message) throws IOException {
        sendJson(status, new BsonDocument("status", new BsonInt32(status))
                .append("error", new BsonString(reason(status)))
                .append("message", new BsonString(message)));
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(body);
        }
        return bytes.toByteArray();
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 503 -> "Service Unavailable";
            case 500 -> "Internal Server Error";
            default -> "Error";
        };
    }
}
