package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.cli.CliRun;
import dev.roster.model.BotId;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.ChildJvm;
import dev.roster.testing.LocalHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7, crashes: {@code roster apply} runs as a child JVM against a simulator (in this JVM) whose answers
 * take 100 ms, so the apply takes several seconds; it is killed with SIGKILL once the simulator has seen 4, 12
 * or 27 of its writes take effect (not after a fixed time, which a loaded or a fast machine would move), then
 * apply runs again. The second run completes: no duplicate group, every declared change in place, a new invite
 * link in every group that had people removed, the unmanaged group untouched, and the audit log still one JSON
 * object per line.
 */
class CrashRecoveryTest {
    static final int GROUPS = 20;
    static final long LATENCY_MILLIS = 100;
    static Simulator sim;

    @BeforeAll
    static void start() throws IOException {
        sim = Simulator.start(SimulatorConfig.defaults().withLatency(LATENCY_MILLIS));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** The java command that runs roster with this test's class path. */
    static ProcessBuilder roster(Path dir, String... args) {
        return ChildJvm.roster(List.of("-Xmx256m"), args).directory(dir.toFile())
                .redirectOutput(dir.resolve("child.out").toFile())
                .redirectError(dir.resolve("child.err").toFile());
    }

    @ParameterizedTest(name = "killed after {0} writes took effect")
    @ValueSource(ints = {4, 12, 27})
    void applyKilledMidRunCompletesOnTheNextRunWithoutDuplicates(int killAfterWrites, @TempDir Path dir)
            throws Exception {
        Fixture fixture = new Fixture(BotId.of("467000" + String.format("%05d", killAfterWrites)), GROUPS);
        fixture.seed(sim.state());
        var oldLinks = fixture.inviteLinks(sim.state());
        Path desired = fixture.writeYaml(dir);
        Path settings = Fixture.settings(dir, sim.baseUrl(), "${ROSTER_TEST_TOKEN:-roster-dev-token}",
                List.of("maxConcurrency: 2", "retry: {maxAttempts: 3, initialBackoff: 10ms, maxBackoff: 50ms}"));
        long writesBefore = sim.state().stats().writes();

        Process child = roster(dir, "apply", desired.toString(), "--config", settings.toString(), "--yes").start();
        try {
            // a real process, so no clock to inject: the kill point is a number of writes the simulator saw
            LocalHttp.await(killAfterWrites + " writes", 60, () -> !child.isAlive()
                    || sim.state().stats().writes() - writesBefore >= killAfterWrites);
            assertThat(child.isAlive()).as("the apply was still running when killed; stderr: %s",
                    Files.readString(dir.resolve("child.err"))).isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        long writesByKilledRun = sim.state().stats().writes() - writesBefore;
        List<String> leftOver = fixture.problems(sim.state());
        System.out.printf("crash after %d writes: %d writes done, %d problems left%n", killAfterWrites,
                writesByKilledRun, leftOver.size());
        assertThat(leftOver).as("the killed run had not finished").isNotEmpty();

        // the next run need not be slow: same settings, more requests in flight
        Path faster = dir.resolve("faster.yaml");
        Files.writeString(faster, Files.readString(settings).replace("maxConcurrency: 2", "maxConcurrency: 16"));
        long started = System.nanoTime();
        CliRun again = CliRun.of("apply", desired.toString(), "--config", faster.toString(), "--yes");

        System.out.printf("crash after %d writes: the next apply took %d ms%n", killAfterWrites,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        assertThat(again.exitCode()).as(again.out() + again.err()).isZero();
        assertThat(fixture.problems(sim.state())).isEmpty();
        assertThat(fixture.oldLinksStillValid(sim.state(), oldLinks)).as("invite links after the removals").isEmpty();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(dir.resolve("audit.jsonl"), StandardCharsets.UTF_8)) {
            assertThat(json.readTree(line).get("action")).as(line).isNotNull();
        }
    }
}
