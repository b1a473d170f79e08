package dev.monobridge.connector.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import dev.monobridge.query.Access;
import dev.monobridge.query.Responses;
import dev.monobridge.query.Routes;

/**
 * The files the bridge serves from its class path ({@code /http/}): the dashboard. (The OpenAPI
 * description of every endpoint is the query module's {@code OpenApiFile}.)
 *
 * <p>The dashboard's script and style sheet ({@code /http/dashboard/}) are Javalin static files; the page
 * is a route, for its extension-less address and its own headers. They are served without a token: they
 * hold no data. The page takes the admin token from the URL's fragment ({@code /dashboard#token=...}),
 * which browsers never send to a server, so the token reaches neither access logs nor {@code Referer}
 * headers; it then sends the token in the {@code Authorization} header of each request for figures. Its
 * content security policy lets it load nothing but this server's own files.
 */
final class DashboardFiles {

    private static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    /** Always revalidated, so that a new bridge version's page and script are picked up together. */
    private static final String REVALIDATE = "no-cache";

    private final String dashboard = load("dashboard.html");
    /** The trace page ("have we seen this?", issue 17): same policy, same token handling as the dashboard. */
    private final String tracePage = load("trace.html");

    void register(JavalinConfig config, Routes routes) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/http/dashboard";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", REVALIDATE, "X-Content-Type-Options", "nosniff");
        });
        routes.get("/", Access.ANYONE, ctx -> {
                    ctx.header("Location", "/dashboard");
                    Responses.send(ctx, 302, "text/plain; charset=utf-8", "see /dashboard");
                })
                .get("/dashboard", Access.ANYONE, ctx -> {
                    ctx.header("Content-Security-Policy", PAGE_POLICY).header("Referrer-Policy", "no-referrer")
                            .header("Cache-Control", REVALIDATE);
                    Responses.send(ctx, 200, "text/html; charset=utf-8", dashboard);
                })
                .get("/dashboard/trace", Access.ANYONE, ctx -> {
                    ctx.header("Content-Security-Policy", PAGE_POLICY).header("Referrer-Policy", "no-referrer")
                            .header("Cache-Control", REVALIDATE);
                    Responses.send(ctx, 200, "text/html; charset=utf-8", tracePage);
                });
    }

    private static String load(String name) {
        try (InputStream in = DashboardFiles.class.getResourceAsStream("/http/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the resource /http/" + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
