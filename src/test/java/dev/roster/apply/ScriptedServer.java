package dev.roster.apply;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A Sinch-like API on 127.0.0.1 that answers by a script: a function from {@code "METHOD /path-below-the-bot"}
 * (e.g. {@code "GET /groups/group:1-2"}) to the answer, for answers the simulator does not give (403, one group's
 * read failing, a call held until the test lets it go). Counts the calls it got.
 */
final class ScriptedServer implements AutoCloseable {
    /** An HTTP answer; a JSON body when {@code json} is not null. */
    record Answer(int status, String json) {
        static Answer json(String body) {
            return new Answer(200, body);
        }

        static Answer status(int status) {
            return new Answer(status, null);
        }
    }

    private final HttpServer server;
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    ScriptedServer(Function<String, Answer> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String call = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath()
                        .replaceFirst("^/whatsapp/v1/[^/]+", "");
                counts.merge(call, 1, Integer::sum);
                Answer answer = script.apply(call);
                byte[] body = (answer.json() == null ? "{}" : answer.json()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    int count(String call) {
        return counts.getOrDefault(call, 0);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
