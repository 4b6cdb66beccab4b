package dev.roster.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A callback endpoint on 127.0.0.1 that records every POST it gets. It answers 200 unless told otherwise:
 * {@link #answer} queues statuses for the next requests, {@link #hold} makes it keep requests unanswered until
 * {@link #release}.
 */
final class CallbackReceiver implements AutoCloseable {
    /** One request as received. */
    record Received(URI uri, String contentType, JsonNode json) {
        JsonNode notification() {
            return json.get("notifications").get(0);
        }

        JsonNode message() {
            return notification().get("message");
        }

        String eventType() {
            return message().get("event_type").asText();
        }

        String messageId() {
            return notification().get("message_id").asText();
        }

        List<String> members() {
            return stream(message().get("members"));
        }

        static List<String> stream(JsonNode array) {
            List<String> values = new java.util.ArrayList<>();
            array.forEach(n -> values.add(n.asText()));
            return values;
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private volatile CountDownLatch held = new CountDownLatch(0);
    private final AtomicInteger answered = new AtomicInteger();

    CallbackReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT} + {@code pathAndQuery}. */
    URI url(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + pathAndQuery);
    }

    /** The next requests get these statuses, in order; then 200 again. */
    synchronized CallbackReceiver answer(int... next) {
        for (int status : next) {
            statuses.add(status);
        }
        return this;
    }

    /** From now on, requests wait unanswered until {@link #release}. */
    void hold() {
        held = new CountDownLatch(1);
    }

    void release() {
        held.countDown();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** How many requests got an answer. */
    int answered() {
        return answered.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            received.add(new Received(exchange.getRequestURI(), exchange.getRequestHeaders().getFirst("Content-Type"),
                    SimHttp.JSON.readTree(in.readAllBytes())));
            try {
                held.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            int status;
            synchronized (this) {
                status = statuses.isEmpty() ? 200 : statuses.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            answered.incrementAndGet();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        threads.shutdownNow();
    }
}
