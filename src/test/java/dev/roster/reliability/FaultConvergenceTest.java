package dev.roster.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.cli.CliRun;
import dev.roster.model.BotId;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 7, faults: a quarter of all calls fail with 503 before any effect and a quarter of the writes take
 * effect but answer 503. Repeated {@code roster apply} runs converge within four runs, with exactly one live
 * group per declared group, every subject, participant and admin as declared, and a new invite link in every group
 * that had people removed (issue 13: a removal whose answer is lost must not leave the old link valid). One request
 * at a time, so a
 * seed always yields the same faults. Seeds 107 and 118 needed five and seven runs before the Applier tried a
 * create again after a 503 whose look-up found no new group; a survey of seeds 100..199 now needs at most three.
 */
class FaultConvergenceTest {
    static final int GROUPS = 12;
    static final int MAX_RUNS = 4;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 107, 118, 1234, 99991})
    void repeatedAppliesConvergeWithinFourRunsWithoutDuplicates(long seed, @TempDir Path dir) throws IOException {
        BotId bot = BotId.of("4670000" + String.format("%04d", seed % 10_000));
        Fixture fixture = new Fixture(bot, GROUPS);
        SimulatorConfig config = SimulatorConfig.defaults().withFailRate(0.25).withFailAfterRate(0.25).withSeed(seed);
        try (Simulator sim = Simulator.start(config)) {
            fixture.seed(sim.state());
            var oldLinks = fixture.inviteLinks(sim.state());
            Path desired = fixture.writeYaml(dir);
            Path settings = Fixture.settings(dir, sim.baseUrl(), "${ROSTER_TEST_TOKEN:-roster-dev-token}",
                    List.of("maxConcurrency: 1", "requestsPerSecond: 2000",
                            "retry: {maxAttempts: 6, initialBackoff: 5ms, maxBackoff: 20ms}"));

            List<Integer> exitCodes = new ArrayList<>();
            List<String> outputs = new ArrayList<>();
            while (exitCodes.size() < MAX_RUNS && (exitCodes.isEmpty() || exitCodes.get(exitCodes.size() - 1) != 0)) {
                CliRun run = CliRun.of("apply", desired.toString(), "--config", settings.toString(), "--yes");
                exitCodes.add(run.exitCode());
                outputs.add(run.out() + run.err());
                assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
            }

            assertThat(sim.state().stats().faults()).as("faults were injected").isPositive();
            assertThat(fixture.problems(sim.state())).as("live state after %s runs, outputs:%n%s", exitCodes, outputs)
                    .isEmpty();
            assertThat(exitCodes.get(exitCodes.size() - 1)).as("exit codes %s", exitCodes).isZero();
            assertThat(fixture.oldLinksStillValid(sim.state(), oldLinks)).as("invite links after the removals")
                    .isEmpty();

            System.out.printf("fault convergence, seed %d: exit codes %s, %d faults injected%n", seed, exitCodes,
                    sim.state().stats().faults());

            // converged: a further apply, under the same faults, writes nothing
            long writesBefore = sim.state().stats().writes();
            CliRun again = CliRun.of("apply", desired.toString(), "--config", settings.toString(), "--yes");
            assertThat(sim.state().stats().writes()).as(again.out() + again.err()).isEqualTo(writesBefore);
        }
    }
}
