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
 * The simulator ({@code roster simulator}) in a JVM of its own on a free loopback port, started from a state file
 * with a fixed latency per answer and {@link #TOKEN} as its token; its output goes to a log file. Started when
 * constructed (it waits up to two minutes for the first answer), stopped on close.
 */
final class SimulatorProcess implements AutoCloseable {
    static final String TOKEN = "bench-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final URI base;

    /** Runs {@code java -Xmx4g -cp classpath dev.roster.cli.Main simulator ...}, output to {@code log}. */
    SimulatorProcess(String java, String classpath, Path state, long latencyMillis, Path log) throws Exception {
        this(java, classpath, state, latencyMillis, log, List.of());
    }

    /** As above, with more options of {@code roster simulator} ({@code --callback-url URL}, say). */
    SimulatorProcess(String java, String classpath, Path state, long latencyMillis, Path log, List<String> extraArgs)
            throws Exception {
        int port = freePort();
        base = URI.create("http://127.0.0.1:" + port);
        List<String> command = new ArrayList<>(List.of(java, "-Xmx4g", "-cp", classpath, "dev.roster.cli.Main",
                "simulator", "--port", String.valueOf(port), "--state", state.toString(), "--latency",
                String.valueOf(latencyMillis), "--token", TOKEN));
        command.addAll(extraArgs);
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                stats();
                return;
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

    /** The API's base URL, {@code http://127.0.0.1:PORT}. */
    URI base() {
        return base;
    }

    /** The simulator's counts since the last {@link #resetStats}: {@code requests} by route, {@code writes}. */
    JsonNode stats() throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/_sim/stats"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    void resetStats() throws IOException, InterruptedException {
        HTTP.send(HttpRequest.newBuilder(base.resolve("/_sim/stats/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    }

    /** The number of list and get calls counted, as {@code "list + get"}. */
    static String reads(JsonNode stats) {
        return stats.path("requests").path("GET /groups").asLong() + " + "
                + stats.path("requests").path("GET /groups/{id}").asLong();
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
