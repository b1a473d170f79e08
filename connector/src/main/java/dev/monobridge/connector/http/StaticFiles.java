package dev.monobridge.connector.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The files the bridge serves from its class path ({@code /http/}): the dashboard, and the OpenAPI
 * description of every endpoint.
 *
 * <p>The dashboard's page, script and style sheet are served without a token: they hold no data. The
 * page takes the admin token from the URL's fragment ({@code /dashboard#token=...}), which browsers never
 * send to a server, so the token reaches neither access logs nor {@code Referer} headers; it then sends
 * the token in the {@code Authorization} header of each request for figures. Its content security
 * policy lets it load nothing but this server's own files.
 */
final class StaticFiles {

    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final byte[] dashboard = load("dashboard.html");
    private final byte[] script = load("dashboard.js");
    private final byte[] style = load("dashboard.css");
    private final byte[] openApi = load("openapi.yaml");

    void register(Router router) {
        router.add("GET", "/", Access.ANYONE, (exchange, caller) -> {
                    exchange.setHeader("Location", "/dashboard");
                    exchange.send(302, "text/plain; charset=utf-8", "see /dashboard".getBytes(StandardCharsets.UTF_8));
                })
                .add("GET", "/dashboard", Access.ANYONE, (exchange, caller) -> {
                    exchange.setHeader("Content-Security-Policy", PAGE_POLICY);
                    exchange.setHeader("Referrer-Policy", "no-referrer");
                    exchange.setHeader("Cache-Control", "no-cache");
                    exchange.send(200, "text/html; charset=utf-8", dashboard);
                })
                .add("GET", "/dashboard.js", Access.ANYONE, (exchange, caller) -> asset(exchange, "text/javascript; charset=utf-8", script))
                .add("GET", "/dashboard.css", Access.ANYONE, (exchange, caller) -> asset(exchange, "text/css; charset=utf-8", style))
                .add("GET", "/openapi.yaml", Access.READER, (exchange, caller) -> asset(exchange, "application/yaml; charset=utf-8", openApi));
    }

    private static void asset(Exchange exchange, String type, byte[] body) throws IOException {
        exchange.setHeader("Cache-Control", "no-cache");
        exchange.send(200, type, body);
    }

    private static byte[] load(String name) {
        try (InputStream in = StaticFiles.class.getResourceAsStream("/http/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the resource /http/" + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
