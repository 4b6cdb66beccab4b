package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.config.RosterSettings;
import dev.roster.simulator.Simulator;
import dev.roster.testing.ChildJvm;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's HTTP server under sockets that never finish, under load, with oversized requests, and on
 * a port already taken. Loopback only; bounds are generous (correctness, not speed); the figures are printed.
 */
class DaemonHttpTest {
    @TempDir
    Path dir;
    Simulator sim;
    Daemon daemon;
    final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket s : sockets) {
            s.close();
        }
        if (daemon != null) {
            daemon.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private Daemon start() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n");
        return Daemon.start(settings, DaemonFixtures.client(sim), Daemon.Options.of(List.of(desired))
                .withNode("http").withHttpPort(0).withRunAtStart(false));
    }

    @Test
    void healthzAnswersWhileFiveHundredSocketsNeverFinishTheirHeaders() throws Exception {
        daemon = start();
        int port = daemon.httpPort();
        byte[] partial = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 500; i++) {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            sockets.add(s);
            s.getOutputStream().write(partial);
            s.getOutputStream().flush();
        }

        long t0 = System.nanoTime();
        LocalHttp5s healthz = LocalHttp5s.of(get(port, "/healthz"));
        long millis = (System.nanoTime() - t0) / 1_000_000;

        System.out.printf("/healthz with 500 unfinished sockets: %d ms%n", millis);
        assertThat(healthz.status()).as("/healthz beside 500 sockets that never finish their headers").isEqualTo(200);
        assertThat(healthz.body()).isEqualTo("scheduler running\n");
    }

    @Test
    void twoThousandRequestsAtConcurrencyHundredAllSucceed() throws Exception {
        daemon = start();
        daemon.runner().run(BOT, null);
        URI[] uris = {URI.create("http://127.0.0.1:" + daemon.httpPort() + "/healthz"),
                URI.create("http://127.0.0.1:" + daemon.httpPort() + "/readyz"),
                URI.create("http://127.0.0.1:" + daemon.httpPort() + "/metrics"),
                URI.create("http://127.0.0.1:" + daemon.httpPort() + "/status")};
        ExecutorService workers = Executors.newFixedThreadPool(100);
        AtomicInteger ok = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long t0 = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 100; w++) {
                int worker = w;
                done.add(workers.submit(() -> {
                    // one client per worker: 100 connections, kept alive across its 20 requests
                    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
                    for (int i = 0; i < 20; i++) {
                        URI uri = uris[(worker + i) % uris.length];
                        try {
                            HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() == 200 && !r.body().isEmpty()) {
                                ok.incrementAndGet();
                            } else {
                                failures.add(uri.getPath() + " " + r.statusCode());
                            }
                        } catch (Exception e) {
                            failures.add(uri.getPath() + " " + e);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            workers.shutdownNow();
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;

        System.out.printf("2000 requests at concurrency 100: %d ms, %d ok, %d failed%n", millis, ok.get(),
                failures.size());
        assertThat(failures).as("failed requests").isEmpty();
        assertThat(ok.get()).isEqualTo(2000);
    }

    @Test
    void endpointsKeepTheirAnswersForUnknownPathsMethodsAndOversizedRequests() throws Exception {
        daemon = start();
        int port = daemon.httpPort();
        assertThat(get(port, "/nothing-here").status()).isEqualTo(404);
        assertThat(get(port, "/nothing-here").body()).contains("/healthz").contains("/readyz").contains("/metrics")
                .contains("/status");
        assertThat(get(port, "/metrics").body()).contains("roster_desired_state_errors");

        assertThat(raw(port, "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 405");
        assertThat(raw(port, "HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 200").doesNotContain("scheduler running");
        assertThat(raw(port, "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n")).as("headers over 8 KiB").startsWith("HTTP/1.1 431");
        assertThat(raw(port, "POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\nConnection: close\r\n\r\n"
                + "b".repeat(100_000))).as("a body over 1 MiB").startsWith("HTTP/1.1 413");
        assertThat(raw(port, "POST /api/v1/bots/1/sync HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
                + "Connection: close\r\n\r\n" + "b".repeat(5000))).as("a body over the route's 1 KiB")
                .startsWith("HTTP/1.1 413");
    }

    @Test
    void aSocketSilentInItsHeadersIsClosedAfterTheIdleTimeout() throws Exception {
        HttpEndpoints.Limits limits = new HttpEndpoints.Limits(8, 16, Duration.ofMillis(300), 8192, 16384);
        try (HttpEndpoints http = HttpEndpoints.start("127.0.0.1", 0, limits,
                new Router().route("/healthz", () -> Reply.text(200, "ok\n")))) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), http.port())) {
                s.setSoTimeout(10_000);
                s.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                byte[] rest = in.readAllBytes(); // the server closes; a read timeout here would throw
                assertThat(new String(rest, StandardCharsets.US_ASCII)).doesNotContain("200");
            }
        }
    }

    @Test
    void aDaemonOnABusyPortFailsBeforeAnyReconcileAndNamesTheAddress() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0/1 * * * * ?\"\n");
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            assertThatThrownBy(() -> Daemon.start(settings, DaemonFixtures.client(sim),
                    Daemon.Options.of(List.of(desired)).withNode("second").withHttpPort(port)))
                    .isInstanceOf(DaemonException.class).hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("in use");
            assertThat(sim.state().stats().totalRequests()).as("calls to the group API").isZero();
            assertThat(sim.state().groups(BOT)).isEmpty();
        }
    }

    @Test
    void rosterDaemonOnABusyPortExitsOneNamingTheAddressWithoutAStackTrace() throws Exception {
        sim = DaemonFixtures.simulator(0);
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
        Path settings = DaemonFixtures.settingsFile(sim, dir, "  schedule: \"0/1 * * * * ?\"\n");
        Path log = dir.resolve("daemon.log");
        try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Process child = ChildJvm.daemon(List.of("-Xmx256m"), "--config", settings.toString(), "--http-port",
                    Integer.toString(busy.getLocalPort()), desired.toString()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            try {
                assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
                String output = Files.readString(log);
                assertThat(child.exitValue()).as("exit code; output:\n" + output).isEqualTo(1);
                assertThat(output).contains("127.0.0.1:" + busy.getLocalPort()).doesNotContain("\tat ")
                        .doesNotContain("Exception");
                assertThat(sim.state().stats().totalRequests()).as("calls to the group API").isZero();
            } finally {
                child.destroyForcibly();
            }
        }
    }

    /** One request written as is; the answer's text up to the server's close. */
    private static String raw(int port, String request) throws Exception {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            try {
                out.write(request.getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException e) {
                // the server may answer and close before it reads everything
            }
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private record LocalHttp5s(int status, String body) {
        static LocalHttp5s of(dev.roster.testing.LocalHttp.Response r) {
            return new LocalHttp5s(r.status(), r.body());
        }
    }
}
