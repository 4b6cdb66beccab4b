package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.apply.FileWriteLock;
import dev.roster.apply.WriteLock;
import dev.roster.cli.CliRun;
import dev.roster.model.BotId;
import dev.roster.model.LiveGroup;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, finding 2: writers to one bot never overlap. {@code roster apply} runs as child JVMs (real processes,
 * real operating-system file locks) against a simulator in this JVM whose answers take 1.5 s. Without the lock
 * (each child given its own lock folder), two applies started together made two groups "Board" in 3 of 3 tries.
 */
class ConcurrentWritersTest {
    /** Answers late enough that two applies started together both list before either create takes effect. */
    static final long LATENCY_MILLIS = 1500;
    static Simulator sim;

    @BeforeAll
    static void start() throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withLatency(LATENCY_MILLIS));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** {@code roster apply} in {@code dir}, its output in {@code <name>.out} and {@code <name>.err}. */
    static ProcessBuilder apply(Path dir, String name, String... args) {
        return ChildJvm.roster(List.of("-Xmx128m", "-XX:TieredStopAtLevel=1"), args).directory(dir.toFile())
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile());
    }

    static Path board(Path dir, BotId bot) throws IOException {
        Path file = dir.resolve("board.yaml");
        Files.writeString(file, "bot: \"" + bot.value() + "\"\ngroups:\n  board:\n    subject: Board\n"
                + "    members: [\"+46732001122\"]\n");
        return file;
    }

    static Path settings(Path dir) throws IOException {
        return CliRun.settingsFor(sim, dir, "lock:\n  dir: " + dir.resolve("locks"));
    }

    static List<LiveGroup> boards(BotId bot) {
        return sim.state().groups(bot).stream().filter(g -> g.subject().equals("Board")).toList();
    }

    static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file) : "";
    }

    @Test
    void twoAppliesAtOnceCreateTheGroupOnce(@TempDir Path dir) throws Exception {
        BotId bot = BotId.of("46700130021");
        sim.state().addBot(bot);
        Path desired = board(dir, bot);
        Path settings = settings(dir);
        String[] args = {"apply", desired.toString(), "--config", settings.toString(), "--yes"};

        long started = System.nanoTime();
        Process first = apply(dir, "first", args).start();
        Process second = apply(dir, "second", args).start();
        try {
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("first finished").isTrue();
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("second finished").isTrue();
        } finally {
            first.destroyForcibly();
            second.destroyForcibly();
        }
        String firstErr = read(dir.resolve("first.err"));
        String secondErr = read(dir.resolve("second.err"));
        boolean waited = (firstErr + secondErr).contains("waiting for the write lock of bot " + bot);
        System.out.printf("two applies at once: %d ms in all, one waited for the other: %s%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), waited);

        assertThat(first.exitValue()).as(read(dir.resolve("first.out")) + firstErr).isZero();
        assertThat(second.exitValue()).as(read(dir.resolve("second.out")) + secondErr).isZero();
        assertThat(boards(bot)).as("live groups named Board").hasSize(1);
        // and a plan afterwards is clean: no duplicate to complain about, nothing to do
        CliRun plan = CliRun.of("plan", desired.toString(), "--config", settings.toString(), "--detailed-exitcode");
        assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
    }

    @Test
    void waitingApplyNamesTheHolderAndGivesUpAfterTheTimeout(@TempDir Path dir) throws Exception {
        BotId bot = BotId.of("46700130022");
        sim.state().addBot(bot);
        Path desired = board(dir, bot);
        Path settings = settings(dir);
        long requestsBefore = sim.state().stats().totalRequests();
        // another process holds the bot's lock file: this JVM, as a daemon node would
        FileWriteLock lock = new FileWriteLock(dir.resolve("locks"),
                () -> new WriteLock.Owner("roster daemon node-7", "build-host", ProcessHandle.current().pid(),
                        Instant.parse("2026-11-30T18:00:00Z")));
        Optional<WriteLock.Lease> held = lock.tryAcquire(bot);
        assertThat(held).isPresent();
        long started = System.nanoTime();
        Process child;
        try {
            child = apply(dir, "waiter", "apply", desired.toString(), "--config", settings.toString(), "--yes",
                    "--lock-timeout", "2s").start();
            ChildJvm.awaitExit(child, 60);
        } finally {
            held.get().close();
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String err = read(dir.resolve("waiter.err"));
        System.out.printf("waiting apply gave up after %d ms (timeout 2s, JVM start included)%n", tookMillis);

        assertThat(child.exitValue()).as(err).isEqualTo(1);
        assertThat(err).contains("waiting for the write lock of bot " + bot + ", held by roster daemon node-7 on host "
                + "build-host, pid " + ProcessHandle.current().pid() + ", since 2026-11-30T18:00:00Z (lock file "
                + dir.resolve("locks").resolve(bot.value() + ".lock").toAbsolutePath() + ")");
        assertThat(err).contains("error: gave up after 2s waiting for the write lock of bot " + bot)
                .contains("nothing was applied").doesNotContain("Exception");
        assertThat(sim.state().stats().totalRequests()).as("nothing read, nothing written").isEqualTo(requestsBefore);
        assertThat(boards(bot)).isEmpty();
    }

    @Test
    void waitingApplyGoesAheadOnceTheHolderLetsGo(@TempDir Path dir) throws Exception {
        BotId bot = BotId.of("46700130023");
        sim.state().addBot(bot);
        Path desired = board(dir, bot);
        Path settings = settings(dir);
        FileWriteLock lock = new FileWriteLock(dir.resolve("locks"),
                () -> WriteLock.Owner.current("roster apply", Instant.now()));
        Optional<WriteLock.Lease> held = lock.tryAcquire(bot);
        assertThat(held).isPresent();
        Process child = apply(dir, "waiter", "apply", desired.toString(), "--config", settings.toString(), "--yes",
                "--lock-timeout", "60s").start();
        try {
            Path err = dir.resolve("waiter.err");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!read(err).contains("waiting for the write lock") && child.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(20); // a real process: there is no clock to inject
            }
            assertThat(read(err))
                    .contains("waiting for the write lock of bot " + bot + ", held by roster apply on host");
            assertThat(boards(bot)).as("nothing created while the lock is held").isEmpty();
        } finally {
            held.get().close();
        }
        ChildJvm.awaitExit(child, 60);

        assertThat(child.exitValue()).as(read(dir.resolve("waiter.out")) + read(dir.resolve("waiter.err"))).isZero();
        assertThat(boards(bot)).hasSize(1);
    }
}
