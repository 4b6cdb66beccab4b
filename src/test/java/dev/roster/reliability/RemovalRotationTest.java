package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.cli.CliRun;
import dev.roster.model.BotId;
import dev.roster.model.GroupId;
import dev.roster.model.LiveGroup;
import dev.roster.model.Msisdn;
import dev.roster.reliability.InterceptingProxy.Fault;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import dev.roster.simulator.SimulatorState;
import dev.roster.testing.ChildJvm;
import dev.roster.testing.LocalHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 13, finding 1: people removed from a group must not be able to rejoin by the invite link they knew, whatever
 * answer is lost and wherever a run is killed. The group "Board" has the bot, a declared admin and member, and two
 * people to remove: an admin and a member. Its invite link before any run is the "old link"; once roster reports the
 * group converged, the group's link must be another. Faults are put at exact calls by an {@link InterceptingProxy}
 * in front of the simulator (or, for the reproduction from the issue, by the simulator's own fail-after rate).
 */
class RemovalRotationTest {
    static final BotId BOT = BotId.of("46700000013");
    static final Msisdn BOT_NUMBER = Msisdn.parse("+46700000013");
    static final Msisdn ADMIN = Msisdn.parse("+46732001301");
    static final Msisdn MEMBER = Msisdn.parse("+46732001302");
    static final Msisdn LEAVING_ADMIN = Msisdn.parse("+46732001303");
    static final Msisdn LEAVING_MEMBER = Msisdn.parse("+46732001304");
    static final Set<Msisdn> LEAVING = Set.of(LEAVING_ADMIN, LEAVING_MEMBER);

    /** The group to reconcile, seeded into a simulator, and the link it had before any run. */
    record Board(GroupId id, String oldLink) {
        static Board seed(SimulatorState state) {
            state.addBot(BOT);
            GroupId id = state.createGroup(BOT, "Board");
            state.join(BOT, id, List.of(ADMIN, MEMBER, LEAVING_ADMIN, LEAVING_MEMBER));
            state.promote(BOT, id, List.of(ADMIN, LEAVING_ADMIN));
            return new Board(id, state.inviteLink(BOT, id));
        }

        LiveGroup live(SimulatorState state) {
            return state.group(BOT, id).orElseThrow();
        }

        /** True when somebody to be removed is gone while the group's link is still the old one. */
        boolean removedPersonKeepsAValidLink(SimulatorState state) {
            LiveGroup g = live(state);
            boolean someoneRemoved = LEAVING.stream().anyMatch(n -> !g.isParticipant(n));
            return someoneRemoved && state.inviteLink(BOT, id).equals(oldLink);
        }

        void assertConverged(SimulatorState state) {
            LiveGroup g = live(state);
            assertThat(g.participants()).as("participants").containsExactlyInAnyOrder(BOT_NUMBER, ADMIN, MEMBER);
            assertThat(g.admins()).as("admins").containsExactlyInAnyOrder(BOT_NUMBER, ADMIN);
            assertThat(state.inviteLink(BOT, id)).as("the group's invite link").isNotEqualTo(oldLink);
        }
    }

    static Path desired(Path dir) throws IOException {
        Path file = dir.resolve("board.yaml");
        Files.writeString(file, "bot: \"" + BOT.value() + "\"\ngroups:\n  board:\n    subject: Board\n"
                + "    admins: [\"" + ADMIN.e164() + "\"]\n    members: [\"" + MEMBER.e164() + "\"]\n");
        return file;
    }

    /** Settings for {@code baseUrl}: two attempts per call, short backoff, maxRemovalPercent 100. */
    static Path settings(Path dir, URI baseUrl) throws IOException {
        return Fixture.settings(dir, baseUrl, "${ROSTER_TEST_TOKEN:-roster-dev-token}",
                List.of("retry: {maxAttempts: 2, initialBackoff: 5ms, maxBackoff: 20ms}"));
    }

    static CliRun apply(Path desired, Path settings) {
        CliRun run = CliRun.of("apply", desired.toString(), "--config", settings.toString(), "--yes");
        assertThat(run.err()).doesNotContain("\tat ");
        return run;
    }

    @Test
    void removalWithLostAnswerStillRotatesLink(@TempDir Path dir) throws IOException {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
                InterceptingProxy proxy = new InterceptingProxy(sim.baseUrl())) {
            Board board = Board.seed(sim.state());
            Path desired = desired(dir);
            Path settings = settings(dir, proxy.baseUrl());
            proxy.intercept("DELETE", "/member", Fault.LOSE_ANSWER);

            CliRun lost = apply(desired, settings);

            assertThat(lost.exitCode()).as(lost.out() + lost.err()).isEqualTo(1);
            assertThat(proxy.intercepted()).as("the removal took effect, its answers were lost").isNotEmpty();
            assertThat(board.live(sim.state()).participants()).doesNotContainAnyElementsOf(LEAVING);
            assertThat(board.removedPersonKeepsAValidLink(sim.state())).as("old link valid after the removal")
                    .isFalse();

            proxy.passAll();
            CliRun next = apply(desired, settings);

            assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
            board.assertConverged(sim.state());
            CliRun plan = CliRun.of("plan", desired.toString(), "--config", settings.toString(), "--detailed-exitcode");
            assertThat(plan.exitCode()).as(plan.out() + plan.err()).isZero();
        }
    }

    /** The reproduction from the issue: every write takes effect and answers 503 (simulator --fail-after-rate 1). */
    @Test
    void writesWhoseAnswersAreAllLostNeverEndInConvergedWithTheOldLink(@TempDir Path dir) throws IOException {
        Path stateFile = dir.resolve("sim-state.json");
        Path desired = desired(dir);
        Board board;
        List<Integer> exitCodes = new ArrayList<>();
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withFailAfterRate(1.0)
                .withStateFile(stateFile, true))) {
            board = Board.seed(sim.state());
            Path settings = settings(dir, sim.baseUrl());
            for (int run = 0; run < 3; run++) {
                CliRun apply = apply(desired, settings);
                exitCodes.add(apply.exitCode());
                if (apply.exitCode() == 0) {
                    assertThat(board.removedPersonKeepsAValidLink(sim.state()))
                            .as("run %d reported success with the old link valid", run + 1).isFalse();
                }
                assertThat(board.removedPersonKeepsAValidLink(sim.state()))
                        .as("after run %d, someone removed has a valid link", run + 1).isFalse();
            }
        }
        System.out.printf("every answer lost: exit codes %s%n", exitCodes);

        // the same state, without faults; another seed, since a simulator's first new link is a function of its seed
        // (the same seed would make again the old link, revoked in the first simulator)
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withSeed(2).withStateFile(stateFile, true))) {
            CliRun apply = apply(desired, settings(dir, sim.baseUrl()));

            assertThat(apply.exitCode()).as(apply.out() + apply.err()).isZero();
            board.assertConverged(sim.state());
        }
    }

    @ParameterizedTest(name = "rotation {0}")
    @EnumSource(value = Fault.class, names = {"REFUSE", "LOSE_ANSWER"})
    void noOneIsRemovedWhenTheRotationFails(Fault fault, @TempDir Path dir) throws IOException {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
                InterceptingProxy proxy = new InterceptingProxy(sim.baseUrl())) {
            Board board = Board.seed(sim.state());
            Path desired = desired(dir);
            Path settings = settings(dir, proxy.baseUrl());
            proxy.intercept("DELETE", "/invite", fault);

            CliRun failed = apply(desired, settings);

            assertThat(failed.exitCode()).as(failed.out() + failed.err()).isEqualTo(1);
            assertThat(proxy.intercepted()).hasSize(2); // both attempts of the rotation
            assertThat(proxy.calls()).as("no removal was tried").noneMatch(c -> c.endsWith("/member"));
            assertThat(board.live(sim.state()).participants()).containsAll(LEAVING);
            assertThat(board.live(sim.state()).admins()).as("demoted before the rotation")
                    .doesNotContain(LEAVING_ADMIN);

            proxy.passAll();
            CliRun next = apply(desired, settings);

            assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
            board.assertConverged(sim.state());
        }
    }

    /**
     * A real {@code roster apply} process is killed with SIGKILL while one call of the group is in flight: before the
     * call reached the server, or after it took effect but before its answer came back. Whatever the point, no one
     * removed keeps a valid old link at the kill, and after the next apply the group has converged with a new link.
     */
    @ParameterizedTest(name = "killed with DELETE {0} {1}")
    @CsvSource({
        "/admin, HOLD_BEFORE", "/admin, HOLD_AFTER",
        "/invite, HOLD_BEFORE", "/invite, HOLD_AFTER",
        "/member, HOLD_BEFORE", "/member, HOLD_AFTER"})
    void applyKilledAtAnyPointAroundTheRemovalLeavesNoValidOldLink(String call, Fault fault, @TempDir Path dir)
            throws Exception {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults());
                InterceptingProxy proxy = new InterceptingProxy(sim.baseUrl())) {
            Board board = Board.seed(sim.state());
            Path desired = desired(dir);
            Path settings = settings(dir, proxy.baseUrl());
            proxy.intercept("DELETE", call, fault);

            Process child = ChildJvm.roster(List.of("-Xmx256m"), "apply", desired.toString(), "--config",
                    settings.toString(), "--yes").directory(dir.toFile())
                    .redirectOutput(dir.resolve("child.out").toFile())
                    .redirectError(dir.resolve("child.err").toFile())
                    .start();
            try {
                LocalHttp.await("the apply reaches DELETE " + call, 60,
                        () -> !proxy.intercepted().isEmpty() || !child.isAlive(),
                        () -> "calls: " + proxy.calls());
                assertThat(child.isAlive()).as("still running at the intercepted call; calls %s, stderr: %s",
                        proxy.calls(), Files.readString(dir.resolve("child.err"))).isTrue();
                child.destroyForcibly();
                assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
            } finally {
                child.destroyForcibly();
            }
            LiveGroup atKill = board.live(sim.state());
            System.out.printf("killed at DELETE %s %s: participants %s, link rotated: %s%n", call, fault,
                    atKill.participants(), !sim.state().inviteLink(BOT, board.id()).equals(board.oldLink()));
            assertThat(board.removedPersonKeepsAValidLink(sim.state())).as("at the kill").isFalse();
            if (call.equals("/member") && fault == Fault.HOLD_AFTER) {
                assertThat(atKill.participants()).as("the removal took effect").doesNotContainAnyElementsOf(LEAVING);
            }

            proxy.passAll();
            CliRun next = apply(desired, settings);

            assertThat(next.exitCode()).as(next.out() + next.err()).isZero();
            board.assertConverged(sim.state());
        }
    }
}
