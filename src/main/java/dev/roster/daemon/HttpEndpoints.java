package dev.roster.daemon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /healthz} (200 while the scheduler runs), {@code /readyz} (200 after the first successful
 * load), {@code /metrics} (Prometheus text) and {@code /status} (JSON), on the JDK's HTTP server.
 */
public final class HttpEndpoints implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;

    private HttpEndpoints(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds and starts; port 0 picks a free port. */
    public static HttpEndpoints start(String bind, int port, BooleanSupplier healthy, BooleanSupplier ready,
            Supplier<String> metrics, Supplier<String> status) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
        server.createContext("/healthz", ex -> probe(ex, healthy.getAsBoolean(), "scheduler running",
                "scheduler stopped"));
        server.createContext("/readyz", ex -> probe(ex, ready.getAsBoolean(), "desired state loaded",
                "desired state not loaded yet"));
        server.createContext("/metrics", ex -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
                metrics.get()));
        server.createContext("/status", ex -> send(ex, 200, "application/json", status.get()));
        server.createContext("/", ex -> send(ex, 404, "text/plain; charset=utf-8",
                "not found; try /healthz /readyz /metrics /status\n"));
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "roster-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new HttpEndpoints(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void probe(HttpExchange ex, boolean ok, String yes, String no) throws IOException {
        send(ex, ok ? 200 : 503, "text/plain; charset=utf-8", (ok ? yes : no) + "\n");
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                ex.sendResponseHeaders(405, -1);
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", type);
            ex.sendResponseHeaders(status, "HEAD".equals(ex.getRequestMethod()) ? -1 : bytes.length);
            if (!"HEAD".equals(ex.getRequestMethod())) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (RuntimeException e) {
            ex.sendResponseHeaders(500, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
