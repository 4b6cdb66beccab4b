package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import dev.roster.cli.CliRun;
import dev.roster.model.BotId;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.ChildJvm;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 7, secrets and exposure: one distinctive token for every run. It never appears in stdout, stderr,
 * DEBUG logs, stack traces, the audit log or a saved plan, whether the runs succeed or fail; a literal token in
 * the settings file is warned about without being shown; plain http to anything but loopback is refused unless
 * {@code api.allowInsecureHttp} is set. (Client-level checks: {@code dev.roster.api.sinch.SinchTokenSecrecyTest};
 * settings-level: {@code dev.roster.config.SettingsLoaderTest}.)
 */
class SecretHygieneTest {
    static final String TOKEN = "tok-SECRET-9f83";
    /** Not loopback for roster, and never resolvable: the reserved {@code .invalid} domain (RFC 2606). */
    static final String OTHER_HOST = "api.example.invalid";
    static final Fixture FIXTURE = new Fixture(BotId.of("46700000333"), 6);
    static Simulator sim;
    static Simulator otherAccount;

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    Level rootLevel;

    @BeforeAll
    static void start() throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withToken(TOKEN).withLatency(5));
        FIXTURE.seed(sim.state());
        // a token that does not belong here is refused: 401 on every call
        otherAccount = Simulator.start(SimulatorConfig.defaults().withToken("someone-elses-token").withBot(FIXTURE.bot()));
    }

    @AfterAll
    static void stop() {
        sim.close();
        otherAccount.close();
    }

    @BeforeEach
    void captureEveryLogEventAtDebug() {
        rootLevel = root.getLevel();
        root.setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void restoreLogging() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    /** Every log line with its stack trace, as an appender at DEBUG would have written it. */
    private String logText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent e : logs.list) {
            text.append(e.getLevel()).append(' ').append(e.getFormattedMessage()).append('\n');
            IThrowableProxy thrown = e.getThrowableProxy();
            if (thrown != null) {
                text.append(ThrowableProxyUtil.asString(thrown)).append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void aLiteralTokenIsWarnedAboutAndAppearsNowhereInPlanApplyOrFailures(@TempDir Path dir) throws IOException {
        Path desired = FIXTURE.writeYaml(dir);
        Path settings = Fixture.settings(dir, sim.baseUrl(), TOKEN,
                List.of("retry: {maxAttempts: 2, initialBackoff: 5ms, maxBackoff: 10ms}"));
        Path planFile = dir.resolve("plan.json");
        List<CliRun> runs = new ArrayList<>();

        runs.add(CliRun.of("plan", desired.toString(), "--config", settings.toString(), "--debug",
                "--out", planFile.toString()));
        runs.add(CliRun.of("plan", desired.toString(), "--config", settings.toString(), "--format", "json"));
        runs.add(CliRun.of("plan", desired.toString(), "--config", settings.toString(), "--format", "markdown"));
        runs.add(CliRun.of("apply", "--plan", planFile.toString(), "--config", settings.toString(), "--yes",
                "--debug"));
        runs.add(CliRun.of("apply", desired.toString(), "--config", settings.toString(), "--yes", "--debug"));
        runs.add(CliRun.of("apply", desired.toString(), "--config", settings.toString(), "--yes", "--debug",
                "--api-url", otherAccount.baseUrl().toString()));
        runs.add(CliRun.of("apply", "--plan", dir.resolve("missing.json").toString(), "--config",
                settings.toString(), "--yes", "--debug"));
        runs.add(CliRun.of("plan", desired.toString(), "--config", settings.toString(), "--debug",
                "--api-url", "http://127.0.0.1:" + closedPort()));

        assertThat(runs.get(0).err()).contains("api.token is written literally in " + settings)
                .contains("warning");
        assertThat(runs.get(4).exitCode()).as("the apply against the right account worked").isZero();
        assertThat(runs.get(5).out() + runs.get(5).err()).as("the other account refused the token").contains("401");
        assertThat(runs.get(6).err()).as("--debug printed a stack trace").contains("\tat ");
        assertThat(logText()).as("DEBUG logs were captured").contains("DEBUG");
        for (CliRun run : runs) {
            assertThat(run.out()).doesNotContain(TOKEN);
            assertThat(run.err()).doesNotContain(TOKEN);
        }
        assertThat(logText()).doesNotContain(TOKEN);
        assertThat(Files.readString(planFile, StandardCharsets.UTF_8)).doesNotContain(TOKEN);
        assertThat(Files.readString(dir.resolve("audit.jsonl"), StandardCharsets.UTF_8)).isNotEmpty()
                .doesNotContain(TOKEN);
    }

    @Test
    void aChildProcessAtDebugWithTheTokenFromTheEnvironmentNeverPrintsIt(@TempDir Path dir) throws Exception {
        Path desired = FIXTURE.writeYaml(dir);
        Path settings = Fixture.settings(dir, sim.baseUrl(), null,
                List.of("retry: {maxAttempts: 2, initialBackoff: 5ms, maxBackoff: 10ms}"));
        Path planFile = dir.resolve("plan.json");

        String plan = child(dir, "plan", desired.toString(), "--config", settings.toString(), "--debug",
                "--out", planFile.toString());
        String apply = child(dir, "apply", desired.toString(), "--config", settings.toString(), "--yes", "--debug",
                "--api-url", otherAccount.baseUrl().toString());

        assertThat(plan).as("the child logged at DEBUG").contains("DEBUG");
        assertThat(plan).doesNotContain("written literally");
        assertThat(apply).contains("401");
        assertThat(plan + apply).doesNotContain(TOKEN);
        assertThat(Files.readString(planFile, StandardCharsets.UTF_8)).doesNotContain(TOKEN);
    }

    /** Runs roster in a child JVM with SINCH_API_TOKEN set; returns its stdout and stderr. */
    private static String child(Path dir, String... args) throws Exception {
        return child(dir, List.of(), args);
    }

    /** As {@link #child(Path, String...)}, with {@code jvmArgs} for the child JVM. */
    private static String child(Path dir, List<String> jvmArgs, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = ChildJvm.roster(jvmArgs, args).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("SINCH_API_TOKEN", TOKEN);
        ChildJvm.awaitExit(builder.start(), 60);
        return Files.readString(out) + Files.readString(err);
    }

    @Test
    void plainHttpToAnotherHostIsRefusedOnTheCommandLineAndInSettings(@TempDir Path dir) throws IOException {
        Path desired = FIXTURE.writeYaml(dir);
        Path loopbackSettings = Fixture.settings(dir, sim.baseUrl(), "${ROSTER_TEST_TOKEN:-x}", List.of());

        CliRun viaOption = CliRun.of("plan", desired.toString(), "--config", loopbackSettings.toString(),
                "--api-url", "http://" + OTHER_HOST + ":8080");
        assertThat(viaOption.exitCode()).isEqualTo(1);
        assertThat(viaOption.err()).startsWith("error: --api-url: plain http to " + OTHER_HOST + " would send the "
                + "token unencrypted; use https, or set api.allowInsecureHttp: true");

        Path insecureSettings = Fixture.settings(dir, URI.create("http://" + OTHER_HOST + ":8080"),
                "${ROSTER_TEST_TOKEN:-x}", List.of());
        CliRun viaSettings = CliRun.of("plan", desired.toString(), "--config", insecureSettings.toString());
        assertThat(viaSettings.exitCode()).isEqualTo(1);
        assertThat(viaSettings.err()).matches("(?s)" + java.util.regex.Pattern.quote(insecureSettings.toString())
                + ":\\d+:\\d+: .*plain http to " + java.util.regex.Pattern.quote(OTHER_HOST)
                + ".*allowInsecureHttp.*");
    }

    /**
     * The host is a name under {@code .invalid}, which no resolver answers; the child JVMs that may use it are
     * given a hosts file ({@code jdk.net.hosts.file}) that maps it to 127.0.0.1, where a listener counts the
     * connections. So the test sends nothing beyond loopback, while roster sees a host that is not loopback.
     */
    @Test
    void plainHttpToAnotherHostIsUsedWhenExplicitlyAllowed(@TempDir Path dir) throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 " + OTHER_HOST + "\n");
        try (ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> {
                while (true) {
                    try (java.net.Socket s = listener.accept()) {
                        s.setSoLinger(true, 0); // counted, then dropped
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "insecure-listener");
            acceptor.setDaemon(true);
            acceptor.start();
            URI url = URI.create("http://" + OTHER_HOST + ":" + listener.getLocalPort());
            Path desired = FIXTURE.writeYaml(dir);
            Path allowed = Fixture.settings(dir, url, "${ROSTER_TEST_TOKEN:-x}",
                    List.of("allowInsecureHttp: true", "connectTimeout: 1s", "readTimeout: 1s",
                            "retry: {maxAttempts: 1}"));
            Path refusing = dir.resolve("refusing.yaml");
            Files.writeString(refusing, Files.readString(allowed).replace("allowInsecureHttp: true",
                    "allowInsecureHttp: false"));
            List<String> resolveToLoopback = List.of("-Djdk.net.hosts.file=" + hosts);

            String refused = child(dir, resolveToLoopback, "plan", desired.toString(), "--config",
                    refusing.toString());
            int afterRefusal = connections.get();
            String viaSettings = child(dir, resolveToLoopback, "plan", desired.toString(), "--config",
                    allowed.toString());
            String viaOption = child(dir, resolveToLoopback, "plan", desired.toString(), "--config",
                    loopbackAllowing(dir).toString(), "--api-url", url.toString());

            assertThat(refused).contains("would send the token unencrypted");
            assertThat(afterRefusal).as("connections while refused").isZero();
            assertThat(viaSettings).doesNotContain("would send the token unencrypted")
                    .contains("could not list its groups");
            assertThat(viaOption).doesNotContain("would send the token unencrypted")
                    .contains("could not list its groups");
            assertThat(connections.get()).as("connections when allowed").isGreaterThanOrEqualTo(2);
        }
    }

    private static Path loopbackAllowing(Path dir) throws IOException {
        Path file = Fixture.settings(dir, sim.baseUrl(), "${ROSTER_TEST_TOKEN:-x}",
                List.of("allowInsecureHttp: true", "connectTimeout: 1s", "readTimeout: 1s", "retry: {maxAttempts: 1}"));
        Path copy = dir.resolve("loopback-allowing.yaml");
        Files.move(file, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return copy;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
