package dev.roster.reliability;

import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.api.GroupApi;
import dev.roster.api.RateLimiter;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import dev.roster.daemon.Daemon;
import dev.roster.daemon.RunRecord;
import dev.roster.model.BotId;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.LocalHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A real {@code roster daemon --debug} process with a distinctive token: one bot works with it, another bot's
 * token is refused (401). Neither token appears in /status, /metrics, stdout, stderr (at DEBUG) or the audit log.
 */
class DaemonSecretExposureTest {
    private static final String TOKEN = "tok-DAEMON-5ecret-77";
    private static final String WRONG_TOKEN = "tok-WRONG-5ecret-88";
    /** The part both tokens share: it must appear nowhere, not even as a fragment of a token. */
    private static final String FRAGMENT = "5ecret";
    private static final BotId GOOD = BotId.of("447506616260");
    private static final BotId REFUSED = BotId.of("447506616261");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void tokensNeverAppearInEndpointsOutputDebugLogsAuditOrErrors() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withToken(TOKEN).withBots(GOOD, REFUSED))) {
            Path groups = Files.createDirectories(dir.resolve("groups"));
            Files.writeString(groups.resolve("good.yaml"), desiredFile(GOOD, "Good Team"));
            Files.writeString(groups.resolve("refused.yaml"), desiredFile(REFUSED, "Refused Team"));
            Path audit = dir.resolve("audit.jsonl");
            Path settings = dir.resolve("roster.yaml");
            Files.writeString(settings, "api:\n"
                    + "  baseUrl: " + sim.baseUrl() + "\n"
                    + "  token: ${ROSTER_TEST_TOKEN}\n"
                    + "  tokens:\n    \"" + REFUSED + "\": ${ROSTER_WRONG_TOKEN}\n"
                    + "  retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 50ms}\n"
                    + "audit:\n  file: " + audit + "\n"
                    + "daemon:\n  schedule: \"0/1 * * * * ?\"\n");
            Path out = dir.resolve("stdout.log");
            Path err = dir.resolve("stderr.log");
            int port = LocalHttp.freePort();
            Process daemon = DaemonSupport.start(out, err,
                    Map.of("ROSTER_TEST_TOKEN", TOKEN, "ROSTER_WRONG_TOKEN", WRONG_TOKEN),
                    "--debug", "--config", settings.toString(), "--http-port", Integer.toString(port),
                    groups.toString());
            String status;
            String metrics;
            try {
                await("one bot ok and one failed in /status", 40, () -> {
                    if (!daemon.isAlive()) {
                        return true;
                    }
                    JsonNode bots = statusJson(port).path("bots");
                    return "ok".equals(bots.path(GOOD.value()).path("result").asText())
                            && "failed".equals(bots.path(REFUSED.value()).path("result").asText());
                }, () -> "status: " + get(port, "/status").body() + "\nstderr:\n" + tail(err));
                assertThat(daemon.isAlive()).as("daemon alive; stderr:\n" + tail(err)).isTrue();
                status = get(port, "/status").body();
                metrics = get(port, "/metrics").body();
            } finally {
                daemon.destroy();
                daemon.waitFor(20, TimeUnit.SECONDS);
                daemon.destroyForcibly();
            }

            JsonNode refused = JSON.readTree(status).path("bots").path(REFUSED.value());
            assertThat(refused.path("errors").toString()).as("the refused bot's errors in /status")
                    .containsAnyOf("401", "nauthori", "token");
            assertThat(sim.state().groups(GOOD)).as("the good bot's group was created").hasSize(1);
            assertThat(sim.state().groups(REFUSED)).as("the refused bot made no change").isEmpty();
            assertThat(metrics).contains("roster_runs_total");
            assertThat(audit).as("audit log written").isNotEmptyFile();
            String stderr = Files.readString(err);
            assertThat(stderr).as("stderr is at DEBUG").contains("DEBUG");

            System.out.printf("secret exposure: %d stderr lines (%d at DEBUG); refused bot's errors: %s%n",
                    stderr.lines().count(), stderr.lines().filter(l -> l.contains(" DEBUG ")).count(),
                    refused.path("errors"));
            Map<String, String> exposed = Map.of("/status", status, "/metrics", metrics,
                    "stdout", Files.readString(out), "stderr", stderr, "audit log", Files.readString(audit));
            exposed.forEach((where, text) -> assertThat(text).as(where)
                    .doesNotContain(TOKEN).doesNotContain(WRONG_TOKEN).doesNotContain(FRAGMENT));
        }
    }

    /**
     * In this JVM, with every API call answered 503: the failed run's errors, /status, /metrics and every log
     * event at DEBUG (messages and stack traces) hold no token.
     */
    @Test
    void tokenNeverAppearsInRunErrorsEndpointsOrDebugLogsDuringA503Storm() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        Level level = root.getLevel();
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        // Only the list hears this test's DEBUG events; the console appenders come back afterwards.
        List<Appender<ILoggingEvent>> console = new ArrayList<>();
        root.iteratorForAppenders().forEachRemaining(console::add);
        console.forEach(root::detachAppender);
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
        List<RunRecord> runs = new CopyOnWriteArrayList<>();
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withToken(TOKEN).withBots(GOOD)
                .withFailRate(1.0))) {
            Path desired = dir.resolve("good.yaml");
            Files.writeString(desired, desiredFile(GOOD, "Good Team"));
            Path settingsFile = dir.resolve("roster.yaml");
            Files.writeString(settingsFile, "api:\n  baseUrl: " + sim.baseUrl() + "\n  token: ${ROSTER_TEST_TOKEN}\n"
                    + "  retry: {maxAttempts: 3, initialBackoff: 10ms, maxBackoff: 50ms}\n"
                    + "audit:\n  file: " + dir.resolve("audit.jsonl") + "\n"
                    + "daemon:\n  schedule: \"0 0 0 1 1 ? 2099\"\n");
            RosterSettings settings = SettingsLoader.load(settingsFile, Map.of("ROSTER_TEST_TOKEN", TOKEN)).settings();
            String status;
            String metrics;
            try (Daemon daemon = Daemon.start(settings, client(sim, settings), Daemon.Options.of(List.of(desired))
                    .withNode("storm").withHttpPort(0).withRunListener(runs::add))) {
                await("a failed run", 20, () -> !runs.isEmpty());
                status = get(daemon.httpPort(), "/status").body();
                metrics = get(daemon.httpPort(), "/metrics").body();
            }
            assertThat(runs.get(0).result().label()).isEqualTo("failed");
            assertThat(runs.get(0).errors()).as("run errors").isNotEmpty()
                    .allSatisfy(e -> assertThat(e).contains("503").doesNotContain(FRAGMENT));
            assertThat(sim.state().stats().faults()).as("503s answered").isGreaterThanOrEqualTo(3);
            assertThat(status).as("/status").contains("503").doesNotContain(FRAGMENT);
            assertThat(metrics).as("/metrics").contains("status=\"503\"").doesNotContain(FRAGMENT);
        } finally {
            root.detachAppender(logs);
            console.forEach(root::addAppender);
            root.setLevel(level);
        }
        assertThat(logs.list).as("log events at DEBUG").isNotEmpty();
        for (ILoggingEvent event : logs.list) {
            StringBuilder text = new StringBuilder(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                text.append('\n').append(ThrowableProxyUtil.asString(t));
            }
            assertThat(text.toString()).as("log event of " + event.getLoggerName()).doesNotContain(FRAGMENT);
        }
        System.out.printf("503 storm: %d log events checked, run errors %s%n", logs.list.size(), runs.get(0).errors());
    }

    private static GroupApi client(Simulator sim, RosterSettings settings) {
        RosterSettings.Api api = settings.api();
        SinchOptions options = new SinchOptions(sim.baseUrl(), api::tokenFor, Duration.ofSeconds(2),
                Duration.ofSeconds(5), api.retry());
        return SinchGroupApi.create(options, new RateLimiter(1000, RateLimiter.Ticker.SYSTEM));
    }

    private static JsonNode statusJson(int port) {
        LocalHttp.Response r = get(port, "/status");
        try {
            return r.status() == 200 ? JSON.readTree(r.body()) : JSON.createObjectNode();
        } catch (java.io.IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file);
            return text.substring(Math.max(0, text.length() - 6000));
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    private static String desiredFile(BotId bot, String subject) {
        return "bot: \"" + bot + "\"\ngroups:\n  team:\n    subject: " + subject + "\n"
                + "    admins: [\"+46732001122\"]\n    members: [\"+46732002244\"]\n";
    }
}
