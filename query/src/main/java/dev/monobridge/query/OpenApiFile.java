package dev.monobridge.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /openapi.yaml}: the description of every endpoint, for any reader's token. One file for
 * both servers: {@code monobridge serve} answers the query API's paths and {@code /health}, {@code /ready};
 * the admin API, {@code /metrics} and the dashboard it lists are the bridge's.
 */
public final class OpenApiFile {

    /** Always revalidated, so that a new version's file is picked up at once. */
    private static final String REVALIDATE = "no-cache";

    private final String text = load();

    public void register(Routes routes) {
        routes.get("/openapi.yaml", Access.READER, ctx -> {
            ctx.header("Cache-Control", REVALIDATE);
            Responses.send(ctx, 200, "application/yaml; charset=utf-8", text);
        });
    }

    private static String load() {
        try (InputStream in = OpenApiFile.class.getResourceAsStream("/http/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("the resource /http/openapi.yaml is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
