package dev.roster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.model.BotId;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --parallelism} and {@code --rate} override the settings for one run. Checked by lower bounds on the
 * run's duration, which a loaded machine can only lengthen: six calls one at a time at 200 ms each take 1.2 s
 * or more; at no more than two calls in any second, six calls take 2 s or more (the settings alone allow
 * both in a fraction of that).
 */
class ApiLimitsTest {
    static final BotId BOT = BotId.of("46700000001");

    @TempDir
    Path dir;

    private long planMillis(SimulatorConfig config, String... options) throws IOException {
        try (Simulator sim = Simulator.start(config.withBots(BOT))) {
            for (int i = 0; i < 5; i++) {
                sim.state().createGroup(BOT, "Group " + i);
            }
            Path settings = CliRun.settingsFor(sim, dir);
            Path files = dir.resolve("groups.yaml");
            StringBuilder yaml = new StringBuilder("bot: \"46700000001\"\ngroups:\n");
            for (int i = 0; i < 5; i++) {
                yaml.append("  g").append(i).append(":\n    subject: Group ").append(i).append('\n');
            }
            Files.writeString(files, yaml.toString());
            String[] args = new String[options.length + 4];
            args[0] = "plan";
            args[1] = "--config";
            args[2] = settings.toString();
            System.arraycopy(options, 0, args, 3, options.length);
            args[args.length - 1] = files.toString();
            long start = System.nanoTime();
            CliRun run = CliRun.of(args);
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(sim.state().stats().totalRequests()).isEqualTo(6);
            return millis;
        }
    }

    @Test
    void parallelismOneSendsOneCallAtATime() throws IOException {
        assertThat(planMillis(SimulatorConfig.defaults().withLatency(200), "--parallelism", "1", "--rate", "1000"))
                .isGreaterThanOrEqualTo(1_200);
    }

    @Test
    void rateTwoSendsNoMoreThanTwoCallsASecond() throws IOException {
        assertThat(planMillis(SimulatorConfig.defaults(), "--rate", "2")).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void outOfRangeValuesAreRefusedBeforeAnythingIsSent() {
        CliRun parallelism = CliRun.of("plan", "--parallelism", "0", "examples/quickstart");
        CliRun rate = CliRun.of("plan", "--rate", "-1", "examples/quickstart");

        assertThat(parallelism.exitCode()).isEqualTo(1);
        assertThat(parallelism.err()).isEqualTo("error: --parallelism must be from 1 to 1024, not 0\n");
        assertThat(rate.exitCode()).isEqualTo(1);
        assertThat(rate.err()).isEqualTo("error: --rate must be auto or a number above 0 and at most 100000, not -1\n");
    }
}
