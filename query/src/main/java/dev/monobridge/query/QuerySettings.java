package dev.monobridge.query;

import java.time.Duration;

/**
 * A query server's settings, resolved (the token hashes already read).
 *
 * @param bindAddress the address to listen on
 * @param port        the port; 0 for any free one (tests)
 * @param maxPageSize the most documents one list request returns
 * @param idleTimeout a connection on which the client sends nothing for this long is closed, even in
 *                    the middle of a request: the request-read timeout
 */
public record QuerySettings(String bindAddress, int port, Tokens tokens, int maxPageSize, Duration idleTimeout) {
}
