package dev.roster.daemon;

import java.io.IOException;
import java.net.BindException;
import java.time.Duration;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.SizeLimitHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The daemon's HTTP server (Jetty 12, core handlers): a {@link Router} of read-only routes behind a
 * request size limit, on a bounded thread pool. Jetty reads requests without holding a thread while a
 * client is silent, so sockets that never finish their headers cost a selector key each, not a thread;
 * a connection silent for {@link Limits#idleTimeout} is closed, whether in its headers or between requests.
 * At {@link Limits#maxConnections} open connections Jetty stops accepting and closes idle ones after one
 * second, so a flood of sockets cannot exhaust file descriptors.
 */
public final class HttpEndpoints implements AutoCloseable {
    /**
     * @param maxThreads       upper bound of the pool (acceptor and selector included); jobs beyond it wait in
     *                         Jetty's queue, which a bounded thread count keeps short (Jetty advises against
     *                         bounding the queue itself: a rejected job fails its connection)
     * @param maxConnections   open connections at most
     * @param idleTimeout      a connection that sends nothing for this long is closed (also mid-headers)
     * @param maxHeaderBytes   request line and headers at most (431 beyond)
     * @param maxBodyBytes     request body at most (413 beyond); each POST route has its own smaller limit too
     */
    public record Limits(int maxThreads, int maxConnections, Duration idleTimeout, int maxHeaderBytes,
            long maxBodyBytes) {
        public static Limits defaults() {
            return new Limits(32, 2048, Duration.ofSeconds(10), 8 * 1024, Webhooks.MAX_GIT_BODY);
        }
    }

    private final Server server;
    private final int port;

    private HttpEndpoints(Server server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Binds and starts; port 0 picks a free port.
     *
     * @throws BindException naming the address when it is in use or cannot be bound
     * @throws IOException   when the server cannot start for another reason
     */
    static HttpEndpoints start(String bind, int port, Limits limits, Router router) throws IOException {
        QueuedThreadPool threads = new QueuedThreadPool(limits.maxThreads(), Math.min(4, limits.maxThreads()));
        threads.setName("roster-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setRequestHeaderSize(limits.maxHeaderBytes());
        config.setSendServerVersion(false);
        config.setIdleTimeout(limits.idleTimeout().toMillis());
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(limits.idleTimeout().toMillis());
        connector.setAcceptQueueSize(128);
        server.addConnector(connector);
        NetworkConnectionLimit connections = new NetworkConnectionLimit(limits.maxConnections(), connector);
        connections.setEndPointIdleTimeout(1_000);
        server.addBean(connections);
        SizeLimitHandler sizeLimit = new SizeLimitHandler(limits.maxBodyBytes(), -1);
        sizeLimit.setHandler(router);
        server.setHandler(sizeLimit);
        server.setStopTimeout(1_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            if (causedByBind(e)) {
                BindException busy = new BindException("cannot listen on " + address(bind, port)
                        + ": address already in use or not available");
                busy.initCause(e);
                throw busy;
            }
            throw new IOException("cannot start the HTTP server on " + address(bind, port) + ": " + e.getMessage(),
                    e);
        }
        return new HttpEndpoints(server, connector.getLocalPort());
    }

    /** The port bound at start (also after {@link #close}). */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    static String address(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static boolean causedByBind(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping is best effort: the threads are daemon threads
        }
    }
}
