package dev.monobridge.query;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers by itself, before a request reaches Javalin: headers over the limit (431), a
 * URL over it (414), a request line or URL Jetty cannot parse (400), an HTTP version it does not speak.
 * Jetty's own handler writes an HTML page, or text, picked by the {@code Accept} header; this one always
 * writes the API's JSON error, and never echoes what the client sent (it may hold a token).
 */
final class JsonErrorHandler extends ErrorHandler {

    private final int maxHeaderBytes;

    JsonErrorHandler(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        byte[] body = Json.write(Responses.errorBody(code, message(code))).getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.JSON);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private String message(int code) {
        return switch (code) {
            case 400 -> "the request is malformed: check the request line, the URL's percent-encoding and the headers";
            case 414 -> "the URL is too long: the request line and headers may hold " + maxHeaderBytes / 1024 + " KiB";
            case 431 -> "the request's headers are too large: they may hold " + maxHeaderBytes / 1024 + " KiB";
            case 505 -> "this server speaks HTTP/1.0 and HTTP/1.1";
            default -> "the request cannot be answered (" + code + ")";
        };
    }
}
