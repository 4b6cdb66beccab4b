package dev.roster.reliability;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A MockWebServer that answers by a script: a function from "METHOD /path-below-the-bot" (e.g.
 * {@code "GET /groups/group:1-2"}) to the answer. Every request is recorded with its arrival time.
 */
final class ScriptedApi implements AutoCloseable {
    record Arrival(String call, long nanoTime) {}

    private final MockWebServer server = new MockWebServer();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> counts = new ConcurrentHashMap<>();

    ScriptedApi(Function<String, MockResponse> script) throws IOException {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String path = request.getUrl().encodedPath().replace("%3A", ":").replaceFirst("^/whatsapp/v1/[^/]+", "");
                String call = request.getMethod() + " " + path;
                arrivals.add(new Arrival(call, System.nanoTime()));
                counts.merge(call, 1, Integer::sum);
                return script.apply(call);
            }
        });
        server.start();
    }

    URI baseUrl() {
        String url = server.url("/").toString();
        return URI.create(url.substring(0, url.length() - 1));
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    int count(String call) {
        return counts.getOrDefault(call, 0);
    }

    static MockResponse json(String body) {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }

    static MockResponse status(int code) {
        return new MockResponse.Builder().code(code).build();
    }

    @Override
    public void close() {
        server.close();
    }
}
