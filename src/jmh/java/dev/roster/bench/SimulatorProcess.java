package dev.roster.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code roster simulator} in a JVM of its own ({@code -Xmx4g}, this JVM's classpath), on a free loopback port,
 * loaded from a state file; its output goes to {@code log}. The constructor returns once {@code /_sim/stats}
 * answers (at most two minutes); {@link #close} stops the process.
 */
final class SimulatorProcess implements AutoCloseable {
    static final String TOKEN = "bench-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final URI base;

    /** {@code extraArgs}: more simulator options, e.g. {@code --callback-url URL}. */
    SimulatorProcess(Path state, long latencyMillis, Path log, List<String> extraArgs) throws Exception {
        int port = freePort();
        base = URI.create("http://127.0.0.1:" + port);
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx4g", "-cp", System.getProperty("java.class.path"),
                "dev.roster.cli.Main", "simulator", "--port", String.valueOf(port), "--state", state.toString(),
                "--latency", String.valueOf(latencyMillis), "--token", TOKEN));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                stats();
                break;
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IllegalStateException("the simulator did not start; see " + log);
                }
                Thread.sleep(200);
            }
        }
    }

    /** The JVM running this one, for child processes. */
    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A loopback port free at the time of the call. */
    static int freePort() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }

    URI base() {
        return base;
    }

    JsonNode stats() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/_sim/stats"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    void resetStats() throws IOException, InterruptedException {
        HTTP.send(HttpRequest.newBuilder(base.resolve("/_sim/stats/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
