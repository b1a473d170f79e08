package dev.monobridge.bench.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.ConnectionString;

/**
 * Counts what a MongoDB client it cannot reach into sends and receives (the Kafka Connect sink task
 * builds its own client from a URI): a TCP proxy on this machine in front of the server, which counts
 * bytes each way and, from the wire protocol's length-prefixed messages, the requests. A request is a
 * round trip; bytes are whole wire messages, so each round trip counts some 20 to 40 bytes of header
 * and section framing beyond the command document the driver's command listener measures. The driver's
 * own server monitoring (a {@code hello} every 10 s) is counted too, a few hundred bytes a round.
 *
 * <p>Lifecycle: {@link #start}, hand {@link #uri()} to the client, {@link #close()} after it is closed.
 */
public final class WireMeter implements AutoCloseable {

    /** A MongoDB wire message opens with its total length, a little-endian int32. */
    private static final int LENGTH_BYTES = 4;
    private static final int BUFFER_BYTES = 64 * 1024;

    private final String uri;
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    private WireMeter(String uri, ServerSocket listener, InetSocketAddress target) {
        this.uri = uri;
        this.listener = listener;
        this.target = target;
        this.acceptor = new Thread(this::acceptConnections, "bench-wire-meter");
        acceptor.setDaemon(true);
    }

    /** A proxy in front of the one server of {@code serverUri}; its {@link #uri()} is the same URI through the proxy. */
    public static WireMeter start(String serverUri) {
        ConnectionString connection = new ConnectionString(serverUri);
        if (connection.isSrvProtocol() || connection.getHosts().size() != 1) {
            throw new IllegalArgumentException("the MongoDB traffic of a Connect sink is counted through a proxy in front of one server;"
                    + " give a --mongo-uri with exactly one host (not mongodb+srv)");
        }
        String host = connection.getHosts().get(0);
        int colon = host.lastIndexOf(':');
        InetSocketAddress target = colon < 0 ? new InetSocketAddress(host, 27017)
                : new InetSocketAddress(host.substring(0, colon), Integer.parseInt(host.substring(colon + 1)));
        try {
            ServerSocket listener = new ServerSocket(0, 0, InetAddress.getLoopbackAddress());
            String proxied = serverUri.replaceFirst(java.util.regex.Pattern.quote(host),
                    listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort());
            // Straight to the proxy: a replica set's member list would send the client round it.
            String separator = proxied.contains("?") ? "&" : proxied.indexOf('/', "mongodb://".length()) >= 0 ? "?" : "/?";
            proxied += separator + "directConnection=true";
            WireMeter meter = new WireMeter(proxied, listener, target);
            meter.acceptor.start();
            return meter;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the MongoDB wire meter", e);
        }
    }

    /** The URI to give the measured client. */
    public String uri() {
        return uri;
    }

    /** Requests (round trips) and bytes each way so far, as a command meter reports them. */
    public CommandMeter.Totals totals() {
        return new CommandMeter.Totals(requests.get(), bytesSent.get(), bytesReceived.get());
    }

    private void acceptConnections() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getHostString(), target.getPort());
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, true);
                pump(server, client, false);
            } catch (IOException e) {
                // Closed, or one connection failed: the client sees its connection drop and opens another.
            }
        }
    }

    private void pump(Socket from, Socket to, boolean request) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[BUFFER_BYTES];
            MessageCounter counter = new MessageCounter();
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                    if (request) {
                        bytesSent.addAndGet(read);
                        requests.addAndGet(counter.messagesStarting(buffer, read));
                    } else {
                        bytesReceived.addAndGet(read);
                    }
                }
            } catch (IOException e) {
                // The other side closed: close both, as a proxy must.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, request ? "bench-wire-meter-out" : "bench-wire-meter-in");
        thread.setDaemon(true);
        thread.start();
    }

    /** Finds message boundaries in a byte stream of length-prefixed messages, across reads. */
    static final class MessageCounter {
        private int lengthBytesSeen;
        private int length;
        private long remaining;

        /** How many messages start in these bytes. */
        int messagesStarting(byte[] bytes, int count) {
            int messages = 0;
            int i = 0;
            while (i < count) {
                if (remaining > 0) {
                    int skip = (int) Math.min(remaining, count - i);
                    remaining -= skip;
                    i += skip;
                    continue;
                }
                length |= (bytes[i] & 0xff) << (8 * lengthBytesSeen);
                lengthBytesSeen++;
                i++;
                if (lengthBytesSeen == LENGTH_BYTES) {
                    messages++;
                    remaining = length - LENGTH_BYTES;
                    lengthBytesSeen = 0;
                    length = 0;
                }
            }
            return messages;
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is all that is left to do.
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // Nothing more can be done about it.
        }
        sockets.forEach(WireMeter::closeQuietly);
    }
}
