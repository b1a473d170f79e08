package dev.monobridge.connector.fault;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A TCP proxy in the test's JVM, between a client and a server, that can fail like a network does:
 * {@link #cut()} closes every connection and stops listening, so that new connections are refused (as
 * when a server is down or a firewall rejects), until {@link #restore()} listens again on the same port.
 *
 * <p>Plain blocking sockets, two copying threads per connection: a test proxies a handful of
 * connections, and simple code is easy to trust. Lifecycle: {@link #start}, then {@link #close} once.
 */
final class TcpProxy implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final int BUFFER_BYTES = 64 * 1024;

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "tcp-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private ServerSocket listener; // guarded by this; null while cut

    private TcpProxy(InetSocketAddress target, ServerSocket listener) {
        this.target = target;
        this.listener = listener;
        this.port = listener.getLocalPort();
        accept(listener);
    }

    /** Listens on a free port of the loopback interface and forwards every connection to host:port. */
    static TcpProxy start(String host, int port) {
        return new TcpProxy(new InetSocketAddress(host, port), listen(0));
    }

    int port() {
        return port;
    }

    /** Closes every proxied connection and refuses new ones until {@link #restore()}. */
    synchronized void cut() {
        if (listener != null) {
            closeQuietly(listener);
            listener = null;
        }
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /** Accepts connections again, on the same port. */
    synchronized void restore() {
        if (listener == null) {
            listener = listen(port);
            accept(listener);
        }
    }

    private static ServerSocket listen(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            // The port was ours a moment ago; connections closed by the cut may still linger in TIME_WAIT.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + HOST + ":" + port, e);
        }
    }

    private void accept(ServerSocket from) {
        threads.execute(() -> {
            while (!from.isClosed()) {
                try {
                    Socket client = from.accept();
                    connect(from, client);
                } catch (IOException e) {
                    // The listener was closed by a cut or by close(): this loop ends with it.
                }
            }
        });
    }

    private void connect(ServerSocket acceptedBy, Socket client) {
        Socket server = new Socket();
        try {
            server.connect(target);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        synchronized (this) {
            // Accepted just before a cut: it must not outlive it.
            if (listener != acceptedBy) {
                closeQuietly(client);
                closeQuietly(server);
                return;
            }
            open.add(client);
            open.add(server);
        }
        threads.execute(() -> pump(client, server));
        threads.execute(() -> pump(server, client));
    }

    /** Copies bytes one way until either side ends; then ends both, as a broken connection would. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[BUFFER_BYTES];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int read; (read = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (SocketException e) {
            // Closed by a cut, or by the other side: the connection is over either way.
        } catch (IOException e) {
            // The same: any I/O failure ends this connection, and the client sees it broken.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            open.remove(from);
            open.remove(to);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing a socket that is already broken: nothing more to do.
        }
    }

    @Override
    public void close() {
        cut();
        threads.shutdownNow();
    }
}
