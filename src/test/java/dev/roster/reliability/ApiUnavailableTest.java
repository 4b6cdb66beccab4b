package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.roster.cli.CliRun;
import dev.roster.model.BotId;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7, faults: the API is down (every call 503, or nothing listens), or a server accepts connections and
 * never answers. {@code plan} and {@code apply} end with exit 1 and a clear one-line reason, without a stack
 * trace and without hanging; the retry policy and read timeout come from the settings file.
 */
class ApiUnavailableTest {
    static final Fixture FIXTURE = new Fixture(BotId.of("46700000777"), 4);
    static final List<String> FAST_RETRIES =
            List.of("retry: {maxAttempts: 3, initialBackoff: 10ms, maxBackoff: 50ms}", "readTimeout: 500ms",
                    "connectTimeout: 500ms");

    static Simulator down;
    static ServerSocket stalled;
    static final List<Socket> stalledConnections = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        down = Simulator.start(SimulatorConfig.defaults().withFailRate(1.0).withBot(FIXTURE.bot()));
        stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    stalledConnections.add(stalled.accept()); // read nothing, answer nothing
                }
            } catch (IOException closed) {
                // the test is over
            }
        }, "stalled-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stop() throws IOException {
        down.close();
        stalled.close();
        for (Socket s : stalledConnections) {
            s.close();
        }
    }

    private static CliRun run(String command, URI api, Path dir) throws IOException {
        Path desired = FIXTURE.writeYaml(dir);
        Path settings = Fixture.settings(dir, api, "${ROSTER_TEST_TOKEN:-roster-dev-token}", FAST_RETRIES);
        List<String> args = command.equals("apply")
                ? List.of("apply", desired.toString(), "--config", settings.toString(), "--yes")
                : List.of("plan", desired.toString(), "--config", settings.toString());
        // a guard against a hang, not a speed test: the issue allows a minute
        return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of(args.toArray(String[]::new)));
    }

    private static void assertCleanFailure(CliRun run, String reason) {
        String all = run.out() + run.err();
        assertThat(run.exitCode()).as(all).isEqualTo(1);
        assertThat(all).contains("could not list its groups").contains(reason);
        assertThat(all).doesNotContain("\tat ").doesNotContain("Exception");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "apply"})
    void anApiThatAnswersOnly503EndsInExitOneWithAClearMessage(String command, @TempDir Path dir) throws IOException {
        down.state().stats().reset();

        CliRun run = run(command, down.baseUrl(), dir);

        assertCleanFailure(run, "503");
        assertThat(down.state().stats().writes()).isZero();
        assertThat(down.state().stats().requests("GET /groups")).as("attempts of the one list call").isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "apply"})
    void aClosedPortEndsInExitOneWithAClearMessage(String command, @TempDir Path dir) throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }

        CliRun run = run(command, URI.create("http://127.0.0.1:" + closedPort), dir);

        assertCleanFailure(run, "connection refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "apply"})
    void aServerThatNeverAnswersHitsTheReadTimeoutAndEndsInExitOne(String command, @TempDir Path dir)
            throws IOException {
        CliRun run = run(command, URI.create("http://127.0.0.1:" + stalled.getLocalPort()), dir);

        assertCleanFailure(run, "read timed out after 500 ms");
    }
}
