package dev.roster.daemon;

import static dev.roster.daemon.DaemonFixtures.BOT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.apply.AdvisoryWriteLock;
import dev.roster.apply.WriteLock;
import dev.roster.cli.CliRun;
import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import dev.roster.model.LiveGroup;
import dev.roster.simulator.Simulator;
import dev.roster.testing.ChildJvm;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 2: a {@code roster apply} and a daemon exclude each other on a bot. With a lock database
 * ({@code lock.url}, a real PostgreSQL the test starts) both take the same advisory lock; without one, the daemon
 * takes the lock file an apply takes.
 */
class WriterExclusionTest {
    static EmbeddedPostgres pg;
    static Simulator sim;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.start();
        sim = DaemonFixtures.simulator(0);
    }

    @AfterAll
    static void stop() throws Exception {
        sim.close();
        pg.close();
    }

    /** A session of a daemon node (named as the daemon names its sessions) that takes the bot's advisory lock. */
    static AdvisoryLockFence daemonNode(String node) {
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("ApplicationName", "roster-" + node);
        return new AdvisoryLockFence(() -> DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), p));
    }

    Path settingsWithLockDatabase() throws Exception {
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales"));
        return CliRun.settingsFor(sim, dir, "lock:\n  url: \"" + pg.getJdbcUrl("postgres", "postgres") + "\"\n"
                + "  user: postgres\n  dir: " + dir.resolve("locks"));
    }

    List<LiveGroup> sales() {
        return sim.state().groups(BOT).stream().filter(g -> g.subject().equals("Sales")).toList();
    }

    @Test
    void ciApplyWithALockDatabaseWaitsForTheAdvisoryLockADaemonNodeHolds() throws Exception {
        Path settings = settingsWithLockDatabase();
        String desired = dir.resolve("sales.yaml").toString();
        Optional<BotFence.Lease> run = daemonNode("node-a").tryAcquire(BOT);
        assertThat(run).isPresent();
        CliRun waiting;
        try {
            waiting = CliRun.of("apply", desired, "--config", settings.toString(), "--yes", "--lock-timeout", "1s");
        } finally {
            run.get().close();
        }

        assertThat(waiting.exitCode()).as(waiting.out() + waiting.err()).isEqualTo(1);
        assertThat(waiting.err()).contains("waiting for the write lock of bot " + BOT + ", held by roster-node-a "
                + "(PostgreSQL session ").contains("error: gave up after 1s waiting for the write lock of bot " + BOT)
                .doesNotContain("Exception");
        assertThat(sales()).isEmpty();

        CliRun free = CliRun.of("apply", desired, "--config", settings.toString(), "--yes", "--lock-timeout", "1s");
        assertThat(free.exitCode()).as(free.out() + free.err()).isZero();
        assertThat(sales()).hasSize(1);
        sim.state().leave(BOT, sales().get(0).id());
    }

    @Test
    void daemonRunIsSkippedWhileACiApplyHoldsTheAdvisoryLock() throws Exception {
        Path settingsFile = settingsWithLockDatabase();
        Files.writeString(settingsFile, Files.readString(settingsFile)
                + "daemon:\n  schedule: \"0 0 0 1 1 ? 2099\"\n");
        RosterSettings settings = SettingsLoader.load(settingsFile, Map.of()).settings();
        Properties p = new Properties();
        p.setProperty("user", "postgres");
        p.setProperty("ApplicationName", "roster apply on ci-runner pid 1");
        WriteLock ciApply = new AdvisoryWriteLock(
                () -> DriverManager.getConnection(pg.getJdbcUrl("postgres", "postgres"), p));
        try (Daemon daemon = Daemon.start(settings, DaemonFixtures.client(sim),
                Daemon.Options.of(List.of(dir.resolve("sales.yaml"))).withNode("solo").withHttpPort(0)
                        .withRunAtStart(false))) {
            Optional<WriteLock.Lease> held = ciApply.tryAcquire(BOT);
            assertThat(held).isPresent();
            RunRecord skipped;
            try {
                skipped = daemon.runner().run(BOT, null);
            } finally {
                held.get().close();
            }
            assertThat(skipped.result()).isEqualTo(RunResult.SKIPPED);
            assertThat(sales()).isEmpty();

            assertThat(daemon.runner().run(BOT, null).result()).isEqualTo(RunResult.OK);
            assertThat(sales()).hasSize(1);
            sim.state().leave(BOT, sales().get(0).id());
        }
    }

    @Test
    void daemonWithoutADatabaseSkipsARunWhileAnotherProcessHoldsTheBotsLockFile() throws Exception {
        Path desired = dir.resolve("sales.yaml");
        Files.writeString(desired, DaemonFixtures.salesFile("Sales"));
        Path locks = dir.resolve("locks");
        RosterSettings settings = DaemonFixtures.settings(sim, dir, "  schedule: \"0 0 0 1 1 ? 2099\"\n");
        settings = new RosterSettings(settings.api(), settings.numbers(), settings.reconcile(), settings.daemon(),
                settings.audit(), new RosterSettings.Lock(locks, settings.lock().timeout(),
                        settings.lock().database()));
        Process holder = ChildJvm.java(List.of("-Xmx32m"), "dev.roster.testing.HoldWriteLock",
                List.of(locks.toString(), BOT.value())).redirectErrorStream(true).start();
        try (Daemon daemon = Daemon.start(settings, DaemonFixtures.client(sim),
                Daemon.Options.of(List.of(desired)).withNode("solo").withHttpPort(0).withRunAtStart(false))) {
            String line = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            assertThat(line).isEqualTo("held");

            assertThat(daemon.runner().run(BOT, null).result()).isEqualTo(RunResult.SKIPPED);
            assertThat(sales()).isEmpty();

            holder.getOutputStream().close(); // the holder lets go and ends
            ChildJvm.awaitExit(holder, 30);
            assertThat(daemon.runner().run(BOT, null).result()).isEqualTo(RunResult.OK);
            assertThat(sales()).hasSize(1);
            sim.state().leave(BOT, sales().get(0).id());
        } finally {
            holder.destroyForcibly();
        }
    }
}
