package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.api.RateLimiter;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import dev.roster.model.Secret;
import dev.roster.testing.TricklingServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 3, in the daemon: a run held by an API that trickles its answers is stopped at
 * {@code api.runTimeout}, recorded as failed (status, metrics), and the bot's next tick runs.
 */
class DaemonDeadlineTest {
    static final String TOKEN = "tok-DAEMON-DEADLINE-0c3";

    @TempDir
    Path dir;

    final List<RunRecord> runs = new CopyOnWriteArrayList<>();

    @Test
    void aRunPastTheRunTimeoutIsRecordedAsFailedAndTheNextTickRuns() throws Exception {
        try (TricklingServer server = TricklingServer.start(TricklingServer.Mode.BODY_ONLY)) {
            Path desired = dir.resolve("sales.yaml");
            Files.writeString(desired, DaemonFixtures.salesFile("Sales Team"));
            Path file = dir.resolve("roster.yaml");
            Files.writeString(file, "api:\n"
                    + "  baseUrl: " + server.baseUrl() + "\n"
                    + "  token: ${ROSTER_TEST_TOKEN:-" + TOKEN + "}\n"
                    + "  readTimeout: 5s\n"
                    + "  callTimeout: 30s\n"
                    + "  runTimeout: 2s\n"
                    + "audit:\n  file: " + dir.resolve("audit.jsonl") + "\n"
                    + "daemon:\n  schedule: \"0/1 * * * * ?\"\n  mode: report\n");
            RosterSettings settings = SettingsLoader.load(file, Map.of()).settings();
            RosterSettings.Api api = settings.api();
            SinchGroupApi client = SinchGroupApi.create(new SinchOptions(api.baseUrl(), api::tokenFor,
                    api.connectTimeout(), api.readTimeout(), api.retry(), api.callTimeout()), RateLimiter.unlimited());

            try (Daemon daemon = Daemon.start(settings, client, Daemon.Options.of(List.of(desired))
                    .withNode("deadline").withHttpPort(0).withRunListener(runs::add))) {
                int port = daemon.httpPort();
                await("a run", 20, () -> !runs.isEmpty());
                RunRecord first = runs.get(0);
                assertThat(first.result()).isEqualTo(RunResult.FAILED);
                assertThat(first.errors().get(0)).isEqualTo("the run took longer than api.runTimeout (2s) and was "
                        + "stopped while reading the groups; nothing applied");
                assertThat(first.errors()).anySatisfy(e -> assertThat(e).contains("GET /groups for bot " + BOT
                        + ": cut off at the run's time limit of 2s"));
                assertThat(first.duration()).as("ended by the run's deadline, not the call timeout of 30 s")
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(2)).isLessThan(Duration.ofSeconds(30));
                assertThat(get(port, "/status").body()).contains("\"result\" : \"failed\"").contains("api.runTimeout")
                        .doesNotContain(TOKEN);
                String metrics = get(port, "/metrics").body(); // a further run may have ended meanwhile
                assertThat(metrics).containsPattern("roster_run_timeouts_total\\{bot=\"" + BOT + "\"} [1-9]")
                        .containsPattern("roster_runs_total\\{bot=\"" + BOT + "\",result=\"failed\"} [1-9]");

                server.stopTrickling();
                await("the next tick runs and ends", 20, () -> runs.stream()
                        .anyMatch(r -> r.result() == RunResult.DRIFT));
                assertThat(runs).as("no run of the bot was skipped: none was still holding it")
                        .noneMatch(r -> r.result() == RunResult.SKIPPED);
            }
        }
    }
}
