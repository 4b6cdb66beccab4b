package dev.roster.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** A {@code roster daemon} child JVM with this test's classpath and the production logback.xml, HTTP GETs on loopback, polling with a deadline. */
final class DaemonSupport {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private DaemonSupport() {}

    /** Starts {@code roster daemon args...}; stdout goes to {@code out}, stderr to {@code err}. */
    static Process start(Path out, Path err, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        // The production logging setup (stderr, levels of logback.xml), not the test classpath's logback-test.xml.
        command.add("-Dlogback.configurationFile=" + DaemonSupport.class.getClassLoader().getResource("logback.xml"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.roster.cli.Main");
        command.add("daemon");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                .redirectError(ProcessBuilder.Redirect.appendTo(err.toFile()));
        builder.environment().putAll(env);
        return builder.start();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    record Response(int status, String body) {}

    /** GET http://127.0.0.1:port/path; status -1 when it cannot connect. */
    static Response get(int port, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body());
        } catch (IOException e) {
            return new Response(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "interrupted");
        }
    }

    /** Polls {@code condition} every 20 ms until it holds; fails with {@code what} after {@code seconds}. */
    static void await(String what, int seconds, BooleanSupplier condition) {
        await(what, seconds, condition, () -> "");
    }

    /** As {@link #await(String, int, BooleanSupplier)}; on failure the message ends with {@code context}. */
    static void await(String what, int seconds, BooleanSupplier condition, Supplier<String> context) {
        Instant deadline = Instant.now().plusSeconds(seconds);
        while (!condition.getAsBoolean()) {
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("waited " + seconds + " s for: " + what + "\n" + context.get());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what);
            }
        }
    }
}
