package dev.monobridge.connector.http;

import java.io.IOException;

/** Answers one route. Throws {@link ApiException} for a request it cannot answer as asked. */
@FunctionalInterface
interface Endpoint {

    /**
     * @param caller who sent the request; {@code null} on an {@link Access#ANYONE} route
     */
    void handle(Exchange exchange, Caller caller) throws IOException;
}
