package dev.monobridge.connector.http;

import java.net.URI;
import java.util.Optional;

/** {@code http.port: 0}: no server, nothing to close. */
final class DisabledHttpApi implements HttpApi {

    @Override
    public Optional<URI> address() {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
