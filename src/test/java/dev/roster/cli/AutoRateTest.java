package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.simulator.RateLimitScope;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code api.requestsPerSecond: auto} (the default) against a simulator that, like a provider, answers 429 with
 * {@code Retry-After} above its limit: every read succeeds in the end, the limit is found with few 429s, and the
 * client never goes above {@code api.maxRequestsPerSecond}.
 */
class AutoRateTest {
    static final BotId BOT = BotId.of("46700000001");

    @TempDir
    Path dir;

    /** {@code roster plan} of {@code groups} groups that the simulator already has, with more {@code api} settings. */
    private CliRun plan(Simulator sim, int groups, String... apiSettings) throws IOException {
        StringBuilder yaml = new StringBuilder("bot: \"46700000001\"\ngroups:\n");
        for (int i = 0; i < groups; i++) {
            sim.state().createGroup(BOT, "Group " + i);
            yaml.append("  g").append(i).append(":\n    subject: Group ").append(i).append('\n');
        }
        Path files = dir.resolve("groups.yaml");
        Files.writeString(files, yaml.toString());
        Path config = dir.resolve("roster.yaml");
        Files.writeString(config, "api:\n  baseUrl: " + sim.baseUrl() + "\n  token: " + SimulatorConfig.DEFAULT_TOKEN
                + "\n" + String.join("\n", apiSettings) + "\naudit:\n  file: " + dir.resolve("audit.jsonl") + "\n");
        return CliRun.of("plan", "--debug", "--config", config.toString(), files.toString());
    }

    @Test
    void autoFindsTheProvidersLimitAndEveryReadSucceeds() throws IOException {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT)
                .withRateLimit(40, RateLimitScope.ALL))) {
            CliRun run = plan(sim, 150);

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("No changes");
            long limited = sim.state().stats().rateLimited();
            // the start (50 a second) is above the limit, so the limit is met; each 429 is retried once it passes
            assertThat(limited).isPositive();
            assertThat(sim.state().stats().totalRequests() - limited).isEqualTo(151);
            assertThat(limited).as("429s " + sim.state().stats().perSecond() + run.err()).isLessThan(151 / 10);
        }
    }

    @Test
    void autoNeverGoesAboveItsMaximum() throws IOException {
        try (Simulator sim = Simulator.start(SimulatorConfig.defaults().withBots(BOT))) {
            CliRun run = plan(sim, 40, "  requestsPerSecond: auto", "  maxRequestsPerSecond: 20");

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(sim.state().stats().totalRequests()).isEqualTo(41);
            // evenly spaced at most 20 a second: 20, or 21 when one falls on each edge of a wall-clock second
            assertThat(sim.state().stats().maxRequestsPerSecond()).isLessThanOrEqualTo(21);
        }
    }
}
