package dev.monobridge.connector.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket on 127.0.0.1, for what {@link java.net.http.HttpClient} will not send: a
 * malformed URL, an unknown method, headers of any size.
 */
final class RawHttp {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    /** The status, the headers (names in lower case) and the body of a response. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private RawHttp() {
    }

    /** Sends {@code requestLine}, the headers given and {@code Connection: close}, and reads the whole answer. */
    static Response send(URI base, String requestLine, String... headers) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\nHost: 127.0.0.1\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("Connection: close\r\n\r\n");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            } catch (SocketException refusedMidway) {
                // The server may answer and close before it has read all of an oversized request; its answer
                // is still there to read.
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            if (bytes.size() == 0) {
                throw reset;
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static Response parse(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/1.1 ") || end < 0) {
            throw new AssertionError("not an HTTP response: " + text.substring(0, Math.min(200, text.length())));
        }
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        String body = text.substring(end + 4);
        return new Response(Integer.parseInt(lines[0].substring(9, 12)), headers,
                "chunked".equalsIgnoreCase(headers.get("transfer-encoding")) ? dechunk(body) : body);
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        for (int chunk = 0; chunk < 10_000; chunk++) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
        throw new AssertionError("more than 10,000 chunks");
    }
}
