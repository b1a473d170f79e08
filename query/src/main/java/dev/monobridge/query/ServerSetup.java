package dev.monobridge.query;

import java.time.Duration;

import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import io.javalin.config.JavalinConfig;

/**
 * Javalin's and Jetty's settings for every Monobridge HTTP server (the bridge's, and
 * {@code monobridge serve}'s): the limits that keep slow, idle or oversized requests from harming it
 * (issue 10), the API's own error answers, and the token check before every matched route.
 *
 * <p>Jetty reads requests with non-blocking I/O: a connection holds a thread only once its request has
 * fully arrived, so idle or half-sent connections cost a socket, never a request thread, and the idle
 * timeout closes them.
 */
public final class ServerSetup {

    /**
     * Request threads, at most. A request blocks on MongoDB; the driver's pool holds 100 connections by
     * default, so 64 threads keep a margin below it while a slow MongoDB queues requests here, in memory,
     * rather than in the driver. Jetty takes its acceptor and selector threads from the same pool.
     */
    public static final int MAX_THREADS = 64;
    /** Threads kept when idle: the acceptor, the selector, and a couple of requests served at once. */
    public static final int MIN_THREADS = 4;
    /**
     * The request line and headers together, at most: Jetty's default, 8 KiB. A URL over it is answered
     * 414, headers over it 431. The longest URL this API makes (a cursor of at most 4 KiB, a few filters)
     * fits; a bearer token is under 100 bytes.
     */
    public static final int MAX_REQUEST_HEADER_BYTES = 8 * 1024;
    /** Connections waiting to be accepted; beyond this the kernel refuses them. */
    public static final int ACCEPT_QUEUE = 64;
    /** Requests in flight get this long to finish when the server stops. */
    public static final long STOP_TIMEOUT_MILLIS = 1000;

    private ServerSetup() {
    }

    /**
     * @param threadName  names the request threads ({@code monobridge-http}, {@code monobridge-query})
     * @param idleTimeout a connection on which the client sends nothing for this long is closed
     */
    public static void configure(JavalinConfig config, String bindAddress, int port, Duration idleTimeout, Tokens tokens,
                                 String threadName) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.startup.startupWatcherEnabled = false;
        // A known path with another method is 405 with Allow, as the API documents, not 404.
        config.http.prefer405over404 = true;
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, MIN_THREADS);
        threads.setName(threadName);
        threads.setDaemon(true);
        config.jetty.threadPool = threads;
        config.jetty.modifyHttpConfiguration(http -> {
            http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
            http.setSendServerVersion(false);
            http.setSendXPoweredBy(false);
        });
        config.jetty.addConnector((server, http) -> {
            ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
            connector.setHost(bindAddress);
            connector.setPort(port);
            connector.setIdleTimeout(idleTimeout.toMillis());
            connector.setAcceptQueueSize(ACCEPT_QUEUE);
            return connector;
        });
        config.jetty.modifyServer(server -> {
            server.setErrorHandler(new JsonErrorHandler(MAX_REQUEST_HEADER_BYTES));
            server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        });
        config.routes.before(QueryStrings.REFUSE_MALFORMED);
        config.routes.beforeMatched(new Authenticator(tokens));
        ErrorResponses.register(config.routes);
    }

    /** The address clients reach a server on that listens on {@code bindAddress} and {@code port}. */
    public static java.net.URI address(String bindAddress, int port) {
        String host = bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "localhost" : bindAddress;
        return java.net.URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }
}
