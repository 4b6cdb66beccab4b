package dev.roster.reliability;

import static dev.roster.testing.LocalHttp.await;
import static dev.roster.testing.LocalHttp.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.testing.LocalHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code roster daemon} process killed with SIGKILL in the middle of a run, three times, then started
 * again: the fourth process completes the work, and the live state is the desired state with no duplicate group.
 */
class DaemonCrashRecoveryTest {
    private static final BotId BOT = BotId.of("447506616260");
    private static final Msisdn ALICE = Msisdn.parse("+46732001122");
    private static final Msisdn BOB = Msisdn.parse("+46732002244");
    private static final Msisdn CAROL = Msisdn.parse("+46732003366");
    private static final Msisdn MALLORY = Msisdn.parse("+46732009999");
    private static final int NEW_GROUPS = 16;
    private static final int RENAMED_GROUPS = 6;

    @TempDir
    Path dir;

    @Test
    void sigkilledThreeTimesMidRunThenRestartedConvergesWithoutDuplicates() throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT).withLatency(60))) {
            seedExistingGroups(sim);
            Path desired = dir.resolve("crash.yaml");
            Files.writeString(desired, desiredFile());
            Path settings = dir.resolve("roster.yaml");
            Files.writeString(settings, "api:\n"
                    + "  baseUrl: " + sim.baseUrl() + "\n"
                    + "  token: ${ROSTER_TEST_TOKEN}\n"
                    + "  maxConcurrency: 2\n"
                    + "  requestsPerSecond: 20\n"
                    + "  retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 50ms}\n"
                    + "audit:\n  file: " + dir.resolve("audit.jsonl") + "\n"
                    + "daemon:\n  schedule: \"0/1 * * * * ?\"\n");
            Map<String, String> env = Map.of("ROSTER_TEST_TOKEN", SimulatorConfig.DEFAULT_TOKEN);
            Path out = dir.resolve("stdout.log");
            Path err = dir.resolve("stderr.log");
            String[] args = {"--config", settings.toString(), "--http-port", "0", desired.toString()};

            // Kill 1: early in the first run. Kills 2 and 3: well into the next processes' runs (about 3/8 and 5/8 of
            // the 40 writes), wherever the writes of the groups running in parallel happen to be.
            List<Long> killedAt = new ArrayList<>();
            List<Long> killedAtMillis = new ArrayList<>();
            long t0 = System.nanoTime();
            for (long moreWrites : new long[] {3, 12, 10}) {
                long before = sim.state().stats().writes();
                Process daemon = DaemonSupport.start(out, err, env, args);
                try {
                    await("the daemon makes " + moreWrites + " writes", 30,
                            () -> sim.state().stats().writes() >= before + moreWrites || !daemon.isAlive());
                    assertThat(daemon.isAlive()).as("daemon alive; stderr:\n" + Files.readString(err)).isTrue();
                } finally {
                    daemon.destroyForcibly(); // SIGKILL
                    daemon.waitFor(10, TimeUnit.SECONDS);
                }
                killedAt.add(sim.state().stats().writes());
                killedAtMillis.add((System.nanoTime() - t0) / 1_000_000);
            }
            assertThat(converged(sim)).as("not converged yet when killed the last time").isFalse();

            int port = LocalHttp.freePort();
            args[3] = Integer.toString(port);
            Process daemon = DaemonSupport.start(out, err, env, args);
            try {
                await("the fourth daemon converges", 40, () -> converged(sim));
                long convergedMillis = (System.nanoTime() - t0) / 1_000_000;
                await("a run is ok in /status", 20, () -> get(port, "/status").body().contains("\"result\" : \"ok\""));
                long writes = sim.state().stats().writes();
                String firstOk = get(port, "/status").body();
                await("another run", 10, () -> !get(port, "/status").body().equals(firstOk));
                assertThat(sim.state().stats().writes()).as("writes of a run after convergence").isEqualTo(writes);
                System.out.printf("crash recovery: SIGKILL at writes %s (%s ms), converged at %d writes (%d ms)%n",
                        killedAt, killedAtMillis, writes, convergedMillis);
            } finally {
                daemon.destroy();
                daemon.waitFor(20, TimeUnit.SECONDS);
                daemon.destroyForcibly();
            }
            assertFinalState(sim);
        }
    }

    private static void seedExistingGroups(Simulator sim) {
        for (int i = 1; i <= RENAMED_GROUPS; i++) {
            GroupId id = sim.state().createGroup(BOT, "Old " + i);
            sim.state().join(BOT, id, List.of(ALICE, BOB, CAROL, MALLORY));
        }
    }

    /** New groups "Crash NN" (pending Alice and Bob), and the old groups renamed, Alice promoted, Mallory out. */
    private static String desiredFile() {
        StringBuilder yaml = new StringBuilder("bot: \"" + BOT + "\"\ngroups:\n");
        for (int i = 1; i <= NEW_GROUPS; i++) {
            yaml.append(String.format("  crash-%02d:%n    subject: Crash %02d%n    admins: [\"%s\"]%n"
                    + "    members: [\"%s\"]%n", i, i, ALICE, BOB));
        }
        for (int i = 1; i <= RENAMED_GROUPS; i++) {
            yaml.append(String.format("  renamed-%d:%n    subject: Renamed %d%n    previously: [Old %d]%n"
                    + "    admins: [\"%s\"]%n    members: [\"%s\", \"%s\"]%n", i, i, i, ALICE, BOB, CAROL));
        }
        return yaml.toString();
    }

    private static boolean converged(Simulator sim) {
        List<LiveGroup> groups = sim.state().groups(BOT);
        if (groups.size() != NEW_GROUPS + RENAMED_GROUPS) {
            return false;
        }
        Map<String, LiveGroup> bySubject = groups.stream()
                .collect(Collectors.toMap(LiveGroup::subject, Function.identity(), (a, b) -> a));
        for (int i = 1; i <= RENAMED_GROUPS; i++) {
            LiveGroup g = bySubject.get("Renamed " + i);
            if (g == null || !g.admins().contains(ALICE) || g.members().contains(MALLORY)
                    || g.admins().contains(MALLORY)) {
                return false;
            }
        }
        for (int i = 1; i <= NEW_GROUPS; i++) {
            if (!bySubject.containsKey(String.format("Crash %02d", i))) {
                return false;
            }
        }
        return true;
    }

    private static void assertFinalState(Simulator sim) {
        List<LiveGroup> groups = sim.state().groups(BOT);
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= NEW_GROUPS; i++) {
            expected.add(String.format("Crash %02d", i));
        }
        for (int i = 1; i <= RENAMED_GROUPS; i++) {
            expected.add("Renamed " + i);
        }
        assertThat(groups).extracting(LiveGroup::subject).as("one live group per declared subject")
                .containsExactlyInAnyOrderElementsOf(expected);
        for (LiveGroup g : groups) {
            if (g.subject().startsWith("Renamed")) {
                assertThat(g.admins()).as(g.subject() + " admins").contains(ALICE).doesNotContain(BOB, CAROL, MALLORY);
                assertThat(g.members()).as(g.subject() + " members").containsExactlyInAnyOrder(BOB, CAROL);
            } else {
                // Alice and Bob are pending: they join by the invite link, roster cannot add them.
                assertThat(g.members()).as(g.subject() + " members").isEmpty();
                assertThat(g.admins()).as(g.subject() + " admins").doesNotContain(ALICE, BOB, MALLORY);
            }
        }
    }
}
