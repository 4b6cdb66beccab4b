package dev.roster.daemon;

import dev.roster.api.GroupApi;
import dev.roster.api.RateLimiter;
import dev.roster.api.sinch.SinchGroupApi;
import dev.roster.api.sinch.SinchOptions;
import dev.roster.config.RosterSettings;
import dev.roster.config.SettingsLoader;
import dev.roster.model.BotId;
import dev.roster.model.Secret;
import dev.roster.simulator.Simulator;
import dev.roster.simulator.SimulatorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Settings, desired files and a client for the simulator. */
final class DaemonFixtures {
    static final BotId BOT = BotId.of("447506616260");
    static final BotId OTHER_BOT = BotId.of("447506616261");
    static final String ALICE = "+46732001122";
    static final String BOB = "+46732002244";

    private DaemonFixtures() {}

    /** Settings pointing at {@code sim}, with extra YAML under {@code daemon:} and the audit log in {@code dir}. */
    static RosterSettings settings(Simulator sim, Path dir, String daemonYaml) throws IOException {
        Path file = settingsFile(sim, dir, daemonYaml);
        return SettingsLoader.load(file, Map.of()).settings();
    }

    static Path settingsFile(Simulator sim, Path dir, String daemonYaml) throws IOException {
        String yaml = "api:\n"
                + "  baseUrl: " + sim.baseUrl() + "\n"
                + "  token: ${ROSTER_TEST_TOKEN:-" + SimulatorConfig.DEFAULT_TOKEN + "}\n"
                + "  retry: {maxAttempts: 2, initialBackoff: 10ms, maxBackoff: 50ms}\n"
                + "audit:\n  file: " + dir.resolve("audit.jsonl") + "\n"
                + "daemon:\n" + daemonYaml;
        Path file = dir.resolve("roster.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    static GroupApi client(Simulator sim) {
        SinchOptions options = new SinchOptions(sim.baseUrl(), bot -> Secret.of(SimulatorConfig.DEFAULT_TOKEN),
                Duration.ofSeconds(2), Duration.ofSeconds(10), new dev.roster.api.RetryPolicy(2,
                        Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)));
        return SinchGroupApi.create(options, new RateLimiter(1000, RateLimiter.Ticker.SYSTEM));
    }

    /** A desired-state file for {@link #BOT}: one group, Alice admin, Bob member. */
    static String salesFile(String subject) {
        return desiredFile(BOT, "sales-team", subject);
    }

    static String desiredFile(BotId bot, String key, String subject) {
        return "bot: \"" + bot + "\"\n"
                + "groups:\n"
                + "  " + key + ":\n"
                + "    subject: " + subject + "\n"
                + "    admins: [\"" + ALICE + "\"]\n"
                + "    members: [\"" + BOB + "\"]\n";
    }

    static Simulator simulator(long latencyMillis) throws IOException {
        return Simulator.start(SimulatorConfig.defaults().withBots(BOT, OTHER_BOT).withLatency(latencyMillis));
    }
}
