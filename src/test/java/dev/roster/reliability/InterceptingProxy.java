package dev.roster.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An HTTP proxy on 127.0.0.1 in front of a real server (the simulator) that passes every request through, except
 * the calls matching one rule ({@link #intercept}), which it treats as the rule's {@link Fault} says. It puts a
 * fault at one exact call, where the simulator's fault rates hit calls at random: "this removal's answer is lost",
 * "the process dies while the rotation is in flight". Every call is recorded as {@code "METHOD /path-below-the-bot"}
 * (e.g. {@code "DELETE /groups/group:1-2/member"}).
 */
final class InterceptingProxy implements AutoCloseable {
    /** What happens to a matching call. */
    enum Fault {
        /** Answered 503 and not passed on: the call had no effect. */
        REFUSE,
        /** Passed on (it takes effect), then answered 503: a lost answer. */
        LOSE_ANSWER,
        /** Never passed on and never answered: the caller waits until it dies. */
        HOLD_BEFORE,
        /** Passed on (it takes effect) and never answered. */
        HOLD_AFTER
    }

    private static final Set<String> NOT_FORWARDED = Set.of("host", "content-length", "connection", "upgrade",
            "expect", "keep-alive", "transfer-encoding");
    private static final byte[] UNAVAILABLE = "{\"message\":\"Service unavailable\",\"reason\":\"503\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "intercepting-proxy");
        t.setDaemon(true);
        return t;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> intercepted = new CopyOnWriteArrayList<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile Rule rule;

    private record Rule(String method, String pathEnding, Fault fault) {}

    InterceptingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}, to give roster as its API base URL. */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** From now on, treats calls with {@code method} whose path ends with {@code pathEnding} as {@code fault} says. */
    void intercept(String method, String pathEnding, Fault fault) {
        this.rule = new Rule(method, pathEnding, fault);
    }

    /** Passes every call through from now on. */
    void passAll() {
        this.rule = null;
    }

    /** Every call so far, in arrival order. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    /**
     * The intercepted calls so far: a call is added when its fault has been dealt (for {@link Fault#HOLD_AFTER},
     * once the server has answered the call that was passed on).
     */
    List<String> intercepted() {
        return List.copyOf(intercepted);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String method = exchange.getRequestMethod();
            String rawPath = exchange.getRequestURI().getRawPath();
            String call = method + " " + rawPath.replace("%3A", ":").replaceFirst("^/whatsapp/v1/[^/]+", "");
            calls.add(call);
            Rule matching = rule;
            Fault dealt = matching != null && matching.method().equals(method) && call.endsWith(matching.pathEnding())
                    ? matching.fault() : null;
            if (dealt == Fault.REFUSE || dealt == Fault.HOLD_BEFORE) {
                intercepted.add(call);
                if (dealt == Fault.HOLD_BEFORE) {
                    hold();
                    return;
                }
                send(exchange, 503, UNAVAILABLE, "application/json");
                return;
            }
            HttpResponse<byte[]> answer = forward(exchange, method, body);
            if (dealt == Fault.LOSE_ANSWER) {
                intercepted.add(call);
                send(exchange, 503, UNAVAILABLE, "application/json");
            } else if (dealt == Fault.HOLD_AFTER) {
                intercepted.add(call);
                hold();
            } else {
                send(exchange, answer.statusCode(), answer.body(),
                        answer.headers().firstValue("Content-Type").orElse("application/json"));
            }
        }
    }

    private HttpResponse<byte[]> forward(HttpExchange exchange, String method, byte[] body) throws IOException {
        URI uri = URI.create(target + exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(v -> request.header(name, v));
            }
        });
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
    }

    /** Keeps the caller waiting until the proxy closes. */
    private void hold() {
        try {
            released.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
