package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.config.SettingsLoader;
import dev.roster.daemon.Daemon;
import dev.roster.model.BotId;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.LocalHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code roster sync} against a daemon in this JVM, whose control token the settings hold. */
class SyncCommandTest {
    static final BotId BOT = BotId.of("447506616260");
    static final String TOKEN_VARIABLE = "ROSTER_SYNC_TEST_TOKEN";

    @TempDir
    Path dir;

    @Test
    void syncRunsTheBotAndPrintsTheOutcomeWithoutTheToken() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT))) {
            int port = LocalHttp.freePort();
            Path settings = CliRun.settingsFor(sim, dir, "daemon:\n  schedule: \"0 0 0 1 1 ? 2099\"\n"
                    + "  http: {port: " + port + ", token: \"${" + TOKEN_VARIABLE + ":-sync-token-0123456789}\"}");
            Path desired = dir.resolve("sales.yaml");
            Files.writeString(desired, "bot: \"" + BOT + "\"\ngroups:\n  sales:\n    subject: Sales\n");
            var loaded = SettingsLoader.load(settings, Map.of()).settings();
            try (Daemon daemon = Daemon.start(loaded, Connection.client(loaded.api()),
                    Daemon.Options.of(List.of(desired)).withRunAtStart(false))) {
                CliRun run = CliRun.of("sync", BOT.value(), "--config", settings.toString());

                assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
                assertThat(run.out()).startsWith("bot " + BOT + ": ok in ")
                        .contains("1 change(s) applied, drift 1, pending 0, 0 error(s)");
                assertThat(sim.state().groups(BOT)).hasSize(1);

                CliRun group = CliRun.of("sync", BOT.value(), "--group", "sales", "--config", settings.toString());
                assertThat(group.out()).contains(": ok in ").contains("0 change(s) applied");
                assertThat(run.out() + run.err() + group.out() + group.err()).doesNotContain("sync-token");

                CliRun unknown = CliRun.of("sync", "123456789", "--config", settings.toString());
                assertThat(unknown.exitCode()).isEqualTo(ExitCodes.ERROR);
                assertThat(unknown.err()).contains("refused: 404 no bot 123456789 is declared");
            }
        }
    }

    @Test
    void withoutATokenOrADaemonSyncSaysWhat() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT))) {
            Path none = CliRun.settingsFor(sim, dir);
            CliRun run = CliRun.of("sync", BOT.value(), "--config", none.toString());
            assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(run.err()).contains("needs daemon.http.token");

            int port = LocalHttp.freePort();
            Path settings = CliRun.settingsFor(sim, dir, "daemon:\n  http: {port: " + port
                    + ", token: \"${" + TOKEN_VARIABLE + ":-sync-token-0123456789}\"}");
            CliRun down = CliRun.of("sync", BOT.value(), "--config", settings.toString());
            assertThat(down.exitCode()).isEqualTo(ExitCodes.ERROR);
            assertThat(down.err()).contains("cannot reach the daemon at http://127.0.0.1:" + port)
                    .doesNotContain("\tat ").doesNotContain("sync-token");
        }
    }

    @Test
    void aRunSkippedForAnotherWritersLockIsAnErrorThatSaysSo() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT))) {
            int port = LocalHttp.freePort();
            Path locks = dir.resolve("locks");
            Path settings = CliRun.settingsFor(sim, dir, "lock: {dir: " + locks + "}", "daemon:\n  schedule: \"0 0 0 1 1 ? 2099\"\n"
                    + "  http: {port: " + port + ", token: \"${" + TOKEN_VARIABLE + ":-sync-token-0123456789}\"}");
            Path desired = dir.resolve("sales.yaml");
            Files.writeString(desired, "bot: \"" + BOT + "\"\ngroups:\n  sales:\n    subject: Sales\n");
            var loaded = SettingsLoader.load(settings, Map.of()).settings();
            try (Daemon daemon = Daemon.start(loaded, Connection.client(loaded.api()),
                    Daemon.Options.of(List.of(desired)).withRunAtStart(false));
                    var held = new dev.roster.apply.FileWriteLock(locks, () -> dev.roster.apply.WriteLock.Owner
                            .current("roster apply", java.time.Instant.now())).tryAcquire(BOT).orElseThrow()) {
                CliRun run = CliRun.of("sync", BOT.value(), "--config", settings.toString());

                assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
                assertThat(run.err()).contains("the run was skipped: another writer");
                assertThat(sim.state().groups(BOT)).isEmpty();
            }
        }
    }
}
